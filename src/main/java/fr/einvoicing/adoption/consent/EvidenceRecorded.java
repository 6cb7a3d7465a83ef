package fr.einvoicing.adoption.consent;

/**
 * Published inside the transaction that appends an evidence entry; listeners that count facts
 * (the operators' metrics) listen after commit, so a rolled-back attempt is never counted.
 */
public record EvidenceRecorded(EvidenceType type) {}
