-- The campaign page counts the customers whose letter the mail server refused: find a customer's
-- deliveries without reading them all.
create index ix_mail_delivery_customer on mail_delivery (campaign_customer_id);
