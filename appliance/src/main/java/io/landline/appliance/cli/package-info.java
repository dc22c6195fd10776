/** The landline command line: start, check-config, status, version, invite, device, enrollment. */
package io.landline.appliance.cli;
