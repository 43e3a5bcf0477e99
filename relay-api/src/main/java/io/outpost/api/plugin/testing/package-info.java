/**
 * A small test kit for plugin authors: {@link io.outpost.api.plugin.testing.FakeSubmission} builds the view a {@link
 * io.outpost.api.plugin.SubmissionPolicy} is given, and {@link io.outpost.api.plugin.testing.PluginTester} starts a
 * plugin with settings as the relay does and checks verdicts, failing with an {@link AssertionError} that says what
 * was expected. Depends on nothing but the JDK, so it works with any test framework. A complete test:
 *
 * <pre>{@code
 * @Test
 * void refusesMailToTheCompetition() throws Exception {
 *     SubmissionPolicy policy = PluginTester.started(new NoCompetitors(), Map.of("domains", "rival.example"));
 *
 *     Verdict verdict = policy.check(PluginPhase.RCPT, FakeSubmission.smtp().recipient("ceo@rival.example").build());
 *
 *     PluginTester.assertRefuses(verdict, PluginPhase.RCPT, "550 5.7.1 We do not mail rival.example");
 * }
 * }</pre>
 */
package io.outpost.api.plugin.testing;
