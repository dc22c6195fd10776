/** The landline command line: start, check-config, status, version. */
package io.landline.appliance.cli;
