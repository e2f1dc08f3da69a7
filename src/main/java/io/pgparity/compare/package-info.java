/** Narrows mismatching ranges down to the divergent rows and classifies them. */
package io.pgparity.compare;
