/** Users: the account model, signup, profile edits, deletion, the staff list, and every rule about who may do what to which user (UserPermissions). */
package io.keyhold.users;
