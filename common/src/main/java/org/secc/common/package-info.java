/** what every module shares: the configuration parser, the JSON helper, the logging setup. */
package org.secc.common;
