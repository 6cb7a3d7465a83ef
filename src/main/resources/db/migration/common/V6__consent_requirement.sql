-- Whether a customer's consent is needed depends on our company's size category (the date its own
-- e-invoicing obligation starts) and on the customer: country, VAT registration, public entity.
-- The decision itself is bpmn/consent-requirement.dmn; these columns are its inputs and its outcome.
alter table campaign add column issuer_size varchar(20) default 'SME' not null;
-- Which set of letter templates the campaign sends (templates/letters/<set>/).
alter table campaign add column letter_template varchar(40) default 'standard' not null;

alter table campaign_customer add column country varchar(2) default 'FR' not null;
alter table campaign_customer add column vat_registered boolean default true not null;
alter table campaign_customer add column public_entity boolean default false not null;
-- CONSENT or INFORM_ONLY once the journey has decided; null before.
alter table campaign_customer add column consent_mode varchar(20);
alter table campaign_customer add column consent_basis varchar(500);
