/** Cluster membership: clustered Vert.x on Hazelcast, joined by a TCP/IP member list. */
package io.landline.cluster;
