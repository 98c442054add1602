package io.keyhold.mail;

/** One message, rendered and ready to send. */
record Mail(String to, String subject, String text, String html) {}
