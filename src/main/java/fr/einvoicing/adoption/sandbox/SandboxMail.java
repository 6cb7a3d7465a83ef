package fr.einvoicing.adoption.sandbox;

import java.time.Instant;
import java.util.List;

/** A mail the sandbox received, as it arrived over SMTP. */
public record SandboxMail(long id, Instant receivedAt, String from, List<String> recipients, byte[] raw) {}
