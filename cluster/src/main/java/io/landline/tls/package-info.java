/** TLS for every listener: the appliance CA, its generated server certificate, and the Vert.x server setup. */
package io.landline.tls;
