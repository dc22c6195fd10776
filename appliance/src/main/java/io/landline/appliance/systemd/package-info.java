/** systemd integration: readiness, stopping and watchdog notifications over NOTIFY_SOCKET. */
package io.landline.appliance.systemd;
