-- The language each staff member chose in the top bar (fr or en); without a row, the browser's language decides.
create table staff_preference (
    user_id     varchar(255) primary key,
    language    varchar(5)   not null,
    updated_at  timestamp with time zone not null
);
