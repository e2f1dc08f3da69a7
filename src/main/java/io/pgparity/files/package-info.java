/** Files that readers and other processes may open at any moment: written whole or not at all. */
package io.pgparity.files;
