/** Provider keys in force (declared in the config file or added at run time) and the verification of provider tokens (JWT, ES256). */
package io.landline.gateway.provider.keys;
