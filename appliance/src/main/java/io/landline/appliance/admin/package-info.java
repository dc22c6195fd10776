/** The admin API of a node (metrics, health, operator commands) and the CLI's client for it. */
package io.landline.appliance.admin;
