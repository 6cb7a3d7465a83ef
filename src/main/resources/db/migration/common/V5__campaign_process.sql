-- The campaign's own process sends its letters in waves: how many letters an hour.
alter table campaign add column letters_per_hour integer;
