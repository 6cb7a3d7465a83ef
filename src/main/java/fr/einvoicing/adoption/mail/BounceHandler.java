package fr.einvoicing.adoption.mail;

/** What becomes of a delivery failure reported after the relay had accepted the mail. */
public interface BounceHandler {

    /** @return true once the report is recorded (now or by another node before): it can leave the mailbox */
    boolean handle(DeliveryStatusReport report);
}
