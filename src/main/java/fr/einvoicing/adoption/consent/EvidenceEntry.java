package fr.einvoicing.adoption.consent;

import java.time.OffsetDateTime;

/** One link of a customer's evidence chain. */
public record EvidenceEntry(
        long id,
        long customerRef,
        int seq,
        OffsetDateTime occurredAt,
        EvidenceType type,
        String actor,
        String summary,
        String details,
        String previousHash,
        String entryHash) {}
