/** Accepted notifications: the value, and their durable store until delivered or expired. */
package io.landline.notification;
