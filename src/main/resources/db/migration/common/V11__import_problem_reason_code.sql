-- The reason of a refused row as a code and its values, so that the pages word it in the reader's language.
alter table customer_import_problem add column reason_code varchar(40);
alter table customer_import_problem add column reason_values varchar(1000);
