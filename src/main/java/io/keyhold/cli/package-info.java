/** The management commands of the jar (createsuperuser), run in a non-web application context. */
package io.keyhold.cli;
