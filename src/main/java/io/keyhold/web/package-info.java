/** Plumbing every controller shares: problem-details errors, body limits and parsing, pagination, client info. */
package io.keyhold.web;
