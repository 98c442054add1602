/** Secret tokens shared by sessions and mailed links: generation, shape check, hashing. */
package io.keyhold.tokens;
