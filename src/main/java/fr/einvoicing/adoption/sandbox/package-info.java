/**
 * Demo stand-ins, each switched on by its own setting and on in the demo profile only: the mail
 * sandbox (an SMTP server in the application, with its pages listing every mail sent) and the
 * invoicing platform's registration API. Production uses the real relay and the real platform.
 */
package fr.einvoicing.adoption.sandbox;
