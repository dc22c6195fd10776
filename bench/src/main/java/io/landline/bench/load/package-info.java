/** A load tool for the device endpoint and the provider API, and for Mosquitto beside them: fleets of device identities, idle connections, end-to-end delivery. */
package io.landline.bench.load;
