-- Module: account
-- API tokens may hold AGENT_BOT: the AI agent's own token, which may propose drafts and nothing else.
-- People keep the three roles they had.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('ADMIN', 'AGENT', 'VIEWER', 'AGENT_BOT'));
