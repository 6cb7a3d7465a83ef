-- A mail keeps one Message-ID and one personal link across all its attempts, so that a mail sent
-- again after a crash (the relay took it, the node died before recording it) is the same mail.
-- The link's raw token is kept only while the relay's answer is unknown, and cleared once it is
-- recorded: at rest, only hashes of tokens remain (response_token).
alter table mail_delivery add column link_token_id bigint references response_token (id);
alter table mail_delivery add column link_token varchar(64);
-- how many attempts were interrupted before the relay's answer could be recorded
alter table mail_delivery add column interrupted_attempts integer default 0 not null;
