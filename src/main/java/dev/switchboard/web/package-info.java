/**
 * The security configuration, the page shell (layout, form checks, time and zone helpers) and the rendering of every refusal and error as a problem document or a page.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {})
package dev.switchboard.web;

import org.springframework.modulith.ApplicationModule;
