/** Which node holds each device's connection, cluster-wide. */
package io.landline.cluster.presence;
