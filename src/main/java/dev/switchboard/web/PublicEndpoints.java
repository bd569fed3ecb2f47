package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where anyone may post without an account: the portal's endpoints and the browser error reports.
 * Their bodies are capped ({@link PublicBodyLimit}) and CSRF does not apply to them, since they act
 * with no one's authority.
 */
final class PublicEndpoints {

    static final String PORTAL = "/api/support/public/";
    static final String CLIENT_LOGS = "/api/client-logs";
    /** Where the AI agent proposes drafts; it signs them or holds an AGENT_BOT token, and no session acts there. */
    static final String AGENT_DRAFTS = "/api/agent/drafts";

    private PublicEndpoints() {
    }

    static boolean takesPostsFromAnyone(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(PORTAL) || path.equals(CLIENT_LOGS) || path.equals(AGENT_DRAFTS);
    }
}
