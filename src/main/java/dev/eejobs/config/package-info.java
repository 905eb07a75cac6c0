/**
 * The one configuration bean ({@link dev.eejobs.config.JobsConfig}), holding every {@code jobs.*}
 * key with its documented default, and the clock the engine reads time from.
 */
package dev.eejobs.config;
