/** Logging set-up: one line per event, journald-friendly under systemd. */
package io.landline.appliance.logging;
