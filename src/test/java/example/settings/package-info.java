/**
 * An application that sets the module up differently from the defaults: the jobs in a datasource
 * of its own, the HTTP API off. {@code dev.eejobs.web.ModuleSettingsIT} deploys it.
 */
package example.settings;
