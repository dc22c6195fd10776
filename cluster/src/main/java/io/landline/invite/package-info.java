/** Invite codes: single-use permissions to activate a device, minted by operators and kept only as hashes. */
package io.landline.invite;
