/**
 * The plugin SPI: how to extend Outpost with your own authentication checks, submission policies, suppression policies
 * and blocklist monitors without changing the relay (docs/plugins.md is the guide). Depends on nothing but the JDK and the values of {@code io.outpost.api.mail} and
 * {@code io.outpost.api.tenant}: a plugin compiles against the {@code relay-api} jar alone.
 *
 * <h2>Writing a plugin</h2>
 *
 * <ol>
 *   <li>Implement one of the plugin types: {@link io.outpost.api.plugin.AuthenticationCheck},
 *       {@link io.outpost.api.plugin.SubmissionPolicy}, {@link io.outpost.api.plugin.SuppressionPolicy} or
 *       {@link io.outpost.api.plugin.BlocklistMonitor}. Each extends
 *       {@link io.outpost.api.plugin.Plugin}, which gives the plugin its {@link io.outpost.api.plugin.Plugin#name()
 *       name}, the {@link io.outpost.api.plugin.Plugin#configKeys() settings it understands}, and its
 *       {@link io.outpost.api.plugin.Plugin#init(PluginConfig) start} and {@link io.outpost.api.plugin.Plugin#close()
 *       stop}.
 *   <li>Give the class a public no-argument constructor and list it in a {@link java.util.ServiceLoader} file named after
 *       the type, for example {@code META-INF/services/io.outpost.api.plugin.AuthenticationCheck}.
 *   <li>Build a jar that carries its own dependencies (shaded and relocated) but not {@code relay-api}, which the relay
 *       provides. The operator drops the jar into the relay's plugin directory.
 * </ol>
 *
 * <p>A complete check that lets one fixed user in and leaves everyone else to the next check:
 *
 * <pre>{@code
 * public final class OneUserCheck implements AuthenticationCheck {
 *     private volatile String user;
 *     private volatile TenantId tenant;
 *
 *     public String name() { return "one-user"; }
 *
 *     public Set<String> configKeys() { return Set.of("user", "tenant"); }
 *
 *     public void init(PluginConfig config) throws PluginConfigException {
 *         user = config.require("user");
 *         tenant = TenantId.of(config.get("tenant").orElse("default"));
 *     }
 *
 *     public AuthenticationResult check(AuthenticationAttempt attempt) {
 *         if (!attempt.username().equals(user)) {
 *             return AuthenticationResult.unknownUser("not " + user);
 *         }
 *         return passwordMatches(attempt.password())
 *                 ? AuthenticationResult.accepted(
 *                         new AuthenticatedPrincipal(tenant, CredentialId.of(user)), "password ok")
 *                 : AuthenticationResult.rejected("wrong password for " + user);
 *     }
 * }
 * }</pre>
 *
 * <h2>How the relay runs plugins</h2>
 *
 * <ul>
 *   <li><b>Only what the operator enables, in the operator's order.</b> A jar in the plugin directory does nothing until
 *       its plugin's name appears in the ordered list of enabled plugins for its type. The effective order is logged at
 *       start-up. An enabled name that no jar provides, two plugins with one name, and a setting the plugin does not
 *       declare in {@link io.outpost.api.plugin.Plugin#configKeys()} each stop the relay at start-up.
 *   <li><b>A plugin answers with a value, not an exception.</b> It returns a {@link io.outpost.api.plugin.Verdict}:
 *       {@code CONTINUE} (no opinion: ask the next plugin), {@code ACCEPT}, {@code REJECT} or {@code DEFER}. The first
 *       verdict that is not {@code CONTINUE} ends the chain; later plugins are not called.
 *   <li><b>The relay fails closed.</b> A plugin that throws, returns {@code null} or runs past its time limit counts as
 *       {@code DEFER}: the client gets a temporary failure ({@code 451 4.3.0}) and tries again later. A broken plugin
 *       never lets mail or a login through.
 *   <li><b>Every decision is recorded</b> as a {@link io.outpost.api.plugin.PluginDecision} (plugin, phase, verdict,
 *       reason, time), so an operator can see why a message or a login was refused.
 *   <li><b>Many threads at once.</b> One instance of each enabled plugin serves every connection: its methods are called
 *       concurrently and must be thread-safe.
 * </ul>
 */
package io.outpost.api.plugin;
