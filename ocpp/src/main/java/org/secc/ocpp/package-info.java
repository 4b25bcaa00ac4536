/** the charging-station side of OCPP 2.1 and 2.0.1 with V2X. */
package org.secc.ocpp;
