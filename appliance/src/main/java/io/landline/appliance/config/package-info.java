/** The node's configuration: embedded defaults, an optional YAML file and LANDLINE_ variables, validated once into typed settings. */
package io.landline.appliance.config;
