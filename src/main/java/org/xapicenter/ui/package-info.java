/**
 * The JavaFX window. Only this package and its sub-packages touch JavaFX.
 *
 * <p>Map: {@code UiLauncher} starts {@link org.xapicenter.ui.XapiCenterApp} from a plain main;
 * {@link org.xapicenter.ui.MainWindow} wires the features, one sub-package each, view next to
 * view model:
 * <ul>
 *   <li>{@code live}: {@code FxCacheBridge} carries cache batches to the FX thread, merged (at most one
 *       hand-over outstanding), and {@code Background} runs API calls off it;</li>
 *   <li>{@code connect}: connections as the window sees them ({@code PoolLink}, {@code Connections}),
 *       saved servers and their actions ({@code ServerManager}), the Add/Edit Server, main password,
 *       password and certificate dialogs ({@code FxTrustPrompt} answers {@code xapi.trust});</li>
 *   <li>{@code tree}: the navigation tree, kept in step with the cache item by item;</li>
 *   <li>{@code general}: the General tab;</li>
 *   <li>{@code actions}: VM power actions, enabled from {@code allowed_operations};</li>
 *   <li>{@code tasks}: the Events panel (every task, with progress and cancel);</li>
 *   <li>{@code alerts}: the Alerts panel ({@code message} objects);</li>
 *   <li>{@code errors}: XAPI error codes as sentences, from {@code org/xapicenter/messages.properties};</li>
 *   <li>{@code theme}: light/dark theme and every icon.</li>
 * </ul>
 */
package org.xapicenter.ui;
