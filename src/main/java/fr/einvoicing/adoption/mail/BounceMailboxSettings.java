package fr.einvoicing.adoption.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailbox that receives our bounces (the Return-Path of the letters), read over IMAP.
 *
 * @param enabled      read it; off by default, since a deployment must name its own mailbox
 * @param protocol     {@code imaps} (TLS, port 993) or {@code imap}
 * @param folder       where the reports arrive
 * @param pollInterval how often it is read
 */
@ConfigurationProperties("campaign.bounces")
public record BounceMailboxSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("imaps") String protocol,
        @DefaultValue("localhost") String host,
        @DefaultValue("993") int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue("2m") Duration pollInterval) {}
