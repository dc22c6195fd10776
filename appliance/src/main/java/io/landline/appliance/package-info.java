/** The landline launcher: entry point of every command. */
package io.landline.appliance;
