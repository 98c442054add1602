/** Mail: password reset and address verification links, their tokens and pages, notices, and delivery. */
package io.keyhold.mail;
