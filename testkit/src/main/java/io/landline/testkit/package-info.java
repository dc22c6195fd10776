/** Test-scope helpers shared by the modules' test suites. */
package io.landline.testkit;
