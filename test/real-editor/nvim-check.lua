-- Headless Neovim (0.7+) as a second LSP client: starts the project's language server over stdio, opens the
-- faulty header, waits until the expected diagnostic codes arrive (or the wait ends), asks for a hover, then
-- opens the faulty baseline (filetype json) and waits for its codes the same way, and prints one JSON line
-- with what it saw. nvim-check.mjs judges it. Always run under `timeout`.
-- Input (environment): MICROAGENT_NVIM_SERVER, MICROAGENT_NVIM_FILE, MICROAGENT_NVIM_CODES (comma list),
-- MICROAGENT_NVIM_HOVER (option name to hover), MICROAGENT_NVIM_BASELINE, MICROAGENT_NVIM_BASELINE_CODES,
-- MICROAGENT_NVIM_COMPLETIONS (JSON list of {line, character}, 0-based, where to ask for completion in the
-- baseline; the labels come back per point), MICROAGENT_NVIM_WAIT_MS.

local function emit(t)
  io.stdout:write(vim.fn.json_encode(t) .. '\n')
end

-- Waits until the buffer's diagnostics carry every code in `wanted`; false when the wait ended first.
local function wait_for_codes(bufnr, wanted, wait_ms)
  return vim.wait(wait_ms, function()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code ~= nil then seen[tostring(d.code)] = true end
    end
    for _, c in ipairs(wanted) do
      if not seen[c] then return false end
    end
    return true
  end, 50)
end

local function diagnostics_of(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, { code = d.code and tostring(d.code) or vim.NIL, message = d.message,
      lnum = d.lnum, col = d.col, severity = d.severity, source = d.source or vim.NIL })
  end
  return out
end

-- The labels our server proposes at each point (a plain Neovim has no other JSON completion: these are ours).
local function completion_labels(client_id, bufnr, points)
  local out = {}
  local client = vim.lsp.get_client_by_id(client_id)
  if not (client and client.server_capabilities and client.server_capabilities.completionProvider) then return out end
  for _, p in ipairs(points) do
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr),
      position = { line = p.line, character = p.character } }
    local labels = {}
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000) or {}
    for _, r in pairs(responses) do
      local items = r.result and (r.result.items or r.result) or {}
      for _, item in ipairs(items) do table.insert(labels, item.label) end
    end
    table.insert(out, labels)
  end
  return out
end

-- Opens the baseline in a second buffer as JSON (what an nvim user's filetype detection gives *.json), attaches
-- the same client, waits for its codes and asks for completion at `points`.
local function check_baseline(client_id, file, wanted, wait_ms, points)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- --clean keeps filetype detection; where a runtime left it unset, set it, so didOpen says languageId json.
  local detected = vim.bo[bufnr].filetype
  if detected ~= 'json' then vim.bo[bufnr].filetype = 'json' end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local complete = wait_for_codes(bufnr, wanted, wait_ms)
  return { ok = complete, detected_filetype = detected, filetype = vim.bo[bufnr].filetype,
    diagnostics = diagnostics_of(bufnr), completions = completion_labels(client_id, bufnr, points) }
end

local function main()
  local server = os.getenv('MICROAGENT_NVIM_SERVER')
  local file = os.getenv('MICROAGENT_NVIM_FILE')
  local wanted = vim.split(os.getenv('MICROAGENT_NVIM_CODES') or '', ',', { trimempty = true })
  local hover_option = os.getenv('MICROAGENT_NVIM_HOVER') or ''
  local wait_ms = tonumber(os.getenv('MICROAGENT_NVIM_WAIT_MS') or '20000')
  local baseline_file = os.getenv('MICROAGENT_NVIM_BASELINE') or ''
  local baseline_wanted = vim.split(os.getenv('MICROAGENT_NVIM_BASELINE_CODES') or '', ',', { trimempty = true })
  local completion_points = vim.fn.json_decode(os.getenv('MICROAGENT_NVIM_COMPLETIONS') or '[]')

  -- vim.lsp.start needs 0.8; start_client + buf_attach_client work on 0.7.
  local client_id = vim.lsp.start_client({
    name = 'microagent-ls',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    -- Answers the server's workspace/configuration request for the 'microAgent' section.
    settings = { microAgent = { validate = 'onType', debounceMs = 50 } },
  })
  if not client_id then
    return { ok = false, error = 'vim.lsp.start_client returned nil for ' .. tostring(server) }
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  local complete = wait_for_codes(bufnr, wanted, wait_ms)
  local diagnostics = diagnostics_of(bufnr)

  -- Hover on the option name (0-based line and character of its first letter + 2).
  local hover = vim.NIL
  local client = vim.lsp.get_client_by_id(client_id)
  local caps = (client and client.server_capabilities) or {}
  -- Without the capability buf_request_sync would sit out its whole timeout.
  if hover_option ~= '' and caps.hoverProvider then
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    for i, line in ipairs(lines) do
      local s = line:find('#define ' .. hover_option, 1, true)
      if s then
        local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr),
          position = { line = i - 1, character = s - 1 + #'#define ' + 2 } }
        local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
        for _, r in pairs(responses) do
          local contents = r.result and r.result.contents
          if type(contents) == 'table' then
            hover = contents.value or vim.fn.json_encode(contents)
          elseif type(contents) == 'string' then
            hover = contents
          end
        end
        break
      end
    end
  end

  local baseline = vim.NIL
  if baseline_file ~= '' then baseline = check_baseline(client_id, baseline_file, baseline_wanted, wait_ms, completion_points) end

  vim.lsp.stop_client(client_id)
  return { ok = complete, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor),
    diagnostics = diagnostics, hover = hover, baseline = baseline }
end

local ok, result = pcall(main)
if not ok then
  emit({ ok = false, error = tostring(result) })
  vim.cmd('cquit! 2')
else
  emit(result)
  vim.cmd('qall!')
end
