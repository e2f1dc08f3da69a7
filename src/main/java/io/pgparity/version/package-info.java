/** pgparity's own name and version, read from the build; written into every run file. */
package io.pgparity.version;
