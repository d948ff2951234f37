/**
 * XVA transfers over XAPI's HTTP side channels (docs/XAPI-PROTOCOL.md §5): {@code GET /export} and
 * {@code PUT /import}, each attached to a task the client creates, streamed with the API connection's
 * session and TLS trust, reporting progress, cancellable through the task.
 */
package org.xapicenter.xapi.transfer;
