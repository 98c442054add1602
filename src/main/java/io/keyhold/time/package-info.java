/** Time as Keyhold stores and shows it, and the one clock every expiry decision reads. */
package io.keyhold.time;
