-- Evidence is append-only: the database itself refuses to change or delete an entry.
create function evidence_entry_is_append_only() returns trigger as $$
begin
    raise exception 'evidence_entry is append-only: % refused', tg_op;
end;
$$ language plpgsql;

create trigger evidence_entry_no_update_or_delete
    before update or delete on evidence_entry
    for each row execute function evidence_entry_is_append_only();
