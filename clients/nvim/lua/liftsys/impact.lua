-- :LiftsysImpact, :LiftsysQuantify, :LiftsysClear: the liftsys/causalImpact request and how its
-- answer is shown (quickfix list, extmarks, a floating summary, notifications).
local M = {}

local api = vim.api

M.ns = api.nvim_create_namespace('liftsys')
M.hints_ns = api.nvim_create_namespace('liftsys_hints')

--- What the last answer was; tick counts answers shown (tests wait on it).
M.state = { tick = 0, last = nil, float = nil, progress = nil, seq = 0, buffers = {} }

local function lsp()
  return require('liftsys')
end

local function present(v)
  return v ~= nil and v ~= vim.NIL
end

-- An LSP position (UTF-16) to a 0-based byte column on that line of the buffer.
local function byte_col(bufnr, line, character)
  local text = api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  if not text then
    return 0
  end
  local ok, col
  if vim.fn.has('nvim-0.11') == 1 then
    ok, col = pcall(vim.str_byteindex, text, 'utf-16', character, false)
  else
    ok, col = pcall(vim.str_byteindex, text, character, true)
  end
  if not ok or not col then
    return #text
  end
  return math.min(col, #text)
end

local function to_buf_pos(bufnr, position)
  local last = api.nvim_buf_line_count(bufnr) - 1
  local line = math.min(position.line, last)
  return line, byte_col(bufnr, line, position.character)
end

local function fmt(v)
  return string.format('%+.2f', v)
end

--- "subtotal  local  distance 1  effect +3.00 [2.95, 3.05]"
function M.entry_text(entry, direction)
  local text = string.format('%s  %s  distance %d', entry.name, entry.kind, entry.distance)
  local e = entry.effect
  if present(e) then
    text = text .. string.format('  effect %s [%.2f, %.2f]', fmt(e.value), e.low, e.high)
    if e.unreliable then
      text = text .. '  unreliable'
    end
  end
  if direction then
    text = text .. '  (' .. direction .. ')'
  end
  return text
end

local function describe_intervention(intervention)
  if not intervention then
    return '+1'
  end
  if intervention.shift then
    return (intervention.shift >= 0 and '+' or '') .. tostring(intervention.shift)
  end
  return string.format('setting %s -> %s', tostring(intervention.set.from), tostring(intervention.set.to))
end

local function list_line(label, entries)
  if #entries == 0 then
    return label .. ' nothing'
  end
  local parts = {}
  for _, e in ipairs(entries) do
    local part = string.format('%s (%d)', e.name, e.distance)
    if present(e.effect) then
      part = part .. ' ' .. fmt(e.effect.value) .. (e.effect.unreliable and '?' or '')
    end
    parts[#parts + 1] = part
  end
  return string.format('%s %d: %s', label, #entries, table.concat(parts, ', '))
end

--- The lines of the floating summary.
function M.summary_lines(result, request)
  local subject = result.subject
  local lines = {}
  if subject.isMethod then
    lines[1] = string.format('%s (all parameters of %s)', subject.name, result.method.name)
  else
    lines[1] = string.format('%s (%s) in %s', subject.name, subject.kind, result.method.name)
  end
  local direction = request.direction
  if direction ~= 'upstream' then
    lines[#lines + 1] = list_line('affects', result.downstream or {})
  end
  if direction ~= 'downstream' then
    lines[#lines + 1] = list_line('depends on', result.upstream or {})
  end
  local model = result.model or {}
  if model.status == 'fitted' then
    lines[#lines + 1] = string.format('effects of %s on %s: %s, %d runs, fit %d ms%s',
      describe_intervention(request.intervention), subject.name, tostring(model.engine), model.samples or 0,
      model.fitMillis or 0, model.cached and ' (cached)' or '')
  elseif model.status == 'degraded' and present(result.degraded) then
    lines[#lines + 1] = string.format('no effect sizes (%s): %s', result.degraded.reason, result.degraded.message)
  else
    lines[#lines + 1] = 'structural answer; :LiftsysQuantify for effect sizes'
  end
  return lines
end

local function close_float()
  local win = M.state.float
  if win and api.nvim_win_is_valid(win) then
    pcall(api.nvim_win_close, win, true)
  end
  M.state.float = nil
end

--- Removes the highlights and the summary (the quickfix list stays).
function M.clear()
  for bufnr in pairs(M.state.buffers) do
    if api.nvim_buf_is_valid(bufnr) then
      api.nvim_buf_clear_namespace(bufnr, M.ns, 0, -1)
    end
  end
  M.state.buffers = {}
  close_float()
end

local function mark(bufnr, range, group, label)
  local line, col = to_buf_pos(bufnr, range.start)
  local end_line, end_col = to_buf_pos(bufnr, range['end'])
  if end_line < line or (end_line == line and end_col < col) then
    end_line, end_col = line, col
  end
  local opts = { end_row = end_line, end_col = end_col, hl_group = group, priority = 150 }
  if label then
    opts.virt_text = { { label, 'LiftsysVirtualText' } }
    opts.virt_text_pos = 'eol'
  end
  api.nvim_buf_set_extmark(bufnr, M.ns, line, col, opts)
  return line, col
end

--- Shows an answer of liftsys/causalImpact for a buffer.
function M.show(bufnr, result, request)
  if not api.nvim_buf_is_valid(bufnr) then
    return
  end
  local config = lsp().config
  M.clear()
  M.state.buffers[bufnr] = true
  local sections = {}
  if request.direction ~= 'upstream' then
    sections[#sections + 1] = { 'downstream', result.downstream or {}, 'LiftsysDownstream', '↓' }
  end
  if request.direction ~= 'downstream' then
    sections[#sections + 1] = { 'upstream', result.upstream or {}, 'LiftsysUpstream', '↑' }
  end
  mark(bufnr, result.subject.range, 'LiftsysSubject')
  local items = {}
  for _, section in ipairs(sections) do
    local direction, entries, group, arrow = section[1], section[2], section[3], section[4]
    for _, entry in ipairs(entries) do
      local label = arrow .. entry.distance
      if present(entry.effect) then
        label = label .. ' ' .. fmt(entry.effect.value)
      end
      local line, col = mark(bufnr, entry.range, group, label)
      items[#items + 1] = {
        bufnr = bufnr,
        lnum = line + 1,
        col = col + 1,
        text = M.entry_text(entry, request.direction == 'both' and direction or nil),
      }
    end
  end
  local title = string.format('liftsys: %s in %s (%s)', result.subject.name, result.method.name, request.direction)
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  if config.open_quickfix and #items > 0 then
    local win = api.nvim_get_current_win()
    vim.cmd('copen')
    if api.nvim_win_is_valid(win) then
      api.nvim_set_current_win(win)
    end
  end
  local lines = M.summary_lines(result, request)
  local version = vim.lsp.util.buf_versions and vim.lsp.util.buf_versions[bufnr]
  if type(version) == 'number' and type(result.version) == 'number' and version ~= result.version then
    lines[#lines + 1] = string.format('(answer for version %d; the buffer has changed since: ask again)',
      result.version)
  end
  if config.float and api.nvim_get_current_buf() == bufnr then
    local _, win = vim.lsp.util.open_floating_preview(lines, nil, {
      border = 'rounded', focus_id = 'liftsys-impact', max_width = 100,
    })
    M.state.float = win
  end
  if present(result.degraded) then
    vim.notify(string.format('liftsys: no effect sizes (%s): %s', result.degraded.reason, result.degraded.message),
      vim.log.levels.WARN)
  end
  M.state.last = { bufnr = bufnr, result = result, request = request, items = items, lines = lines }
  M.state.tick = M.state.tick + 1
  if request.quantify then
    if config.codelens then
      pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
    end
    if config.inlay_hints and vim.fn.has('nvim-0.10') == 0 then
      M.refresh_hints(bufnr)
    end
  end
end

local function report_error(err)
  local level = err.code == -32800 and vim.log.levels.INFO or vim.log.levels.WARN
  vim.notify('liftsys: ' .. (err.message or vim.inspect(err)), level)
  M.state.error = err
  M.state.tick = M.state.tick + 1
end

-- A new question supersedes the one still pending: that one is cancelled, its answer ignored.
local function supersede()
  local pending = M.state.pending
  M.state.pending = nil
  if pending then
    if vim.fn.has('nvim-0.11') == 1 then
      pcall(pending.client.cancel_request, pending.client, pending.id)
    else
      pcall(pending.client.cancel_request, pending.id)
    end
  end
end

--- Sends liftsys/causalImpact for the cursor's position; shows the answer when it comes.
function M.run(request)
  local bufnr = api.nvim_get_current_buf()
  local client = lsp().get_client(bufnr)
  if not client then
    vim.notify('liftsys: no liftsys server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  M.state.seq = M.state.seq + 1
  local seq = M.state.seq
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  params.direction = request.direction
  params.quantify = request.quantify
  params.intervention = request.intervention
  if request.quantify then
    params.workDoneToken = 'liftsys-' .. seq
  end
  M.state.error = nil
  supersede()
  local _, id = lsp().request(client, 'liftsys/causalImpact', params, function(err, result)
    if seq ~= M.state.seq then
      return -- a newer question was asked meanwhile
    end
    M.state.pending = nil
    if err then
      report_error(err)
    elseif result then
      M.show(bufnr, result, request)
    end
  end, bufnr)
  if seq == M.state.seq and id then
    M.state.pending = { client = client, id = id }
  end
end

--- :LiftsysImpact [downstream|upstream|both]: the structural answer, right away.
function M.impact(direction)
  direction = direction or 'downstream'
  if direction ~= 'downstream' and direction ~= 'upstream' and direction ~= 'both' then
    vim.notify('liftsys: the direction is downstream, upstream or both, not ' .. direction, vim.log.levels.ERROR)
    return
  end
  M.run({ direction = direction, quantify = false })
end

local function value(s)
  if s == 'true' then
    return true
  elseif s == 'false' then
    return false
  end
  return tonumber(s)
end

--- Parses `shift N` or `set A B` (nothing: the server's default, a shift of +1).
function M.parse_intervention(args)
  if #args == 0 then
    return nil
  end
  if args[1] == 'shift' and #args == 2 and tonumber(args[2]) then
    return { shift = tonumber(args[2]) }
  end
  if args[1] == 'set' and #args == 3 and value(args[2]) ~= nil and value(args[3]) ~= nil then
    return { set = { from = value(args[2]), to = value(args[3]) } }
  end
  error('usage: :LiftsysQuantify [shift N | set A B]  (A and B are numbers, or true/false)', 0)
end

--- :LiftsysQuantify [shift N | set A B]: effect sizes on what the subject affects.
function M.quantify(args)
  local ok, intervention = pcall(M.parse_intervention, args or {})
  if not ok then
    vim.notify('liftsys: ' .. intervention, vim.log.levels.ERROR)
    return
  end
  M.run({ direction = 'downstream', quantify = true, intervention = intervention })
end

--- The quantify code lens: workspace/executeCommand, then the answer shown like :LiftsysQuantify's.
function M.run_server_command(command, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if not client then
    return
  end
  M.state.seq = M.state.seq + 1
  local seq = M.state.seq
  local bufnr = ctx.bufnr
  supersede()
  local _, id = lsp().request(client, 'workspace/executeCommand',
    { command = command.command, arguments = command.arguments },
    function(err, result)
      if seq ~= M.state.seq then
        return
      end
      M.state.pending = nil
      if err then
        report_error(err)
      elseif result then
        M.show(bufnr, result, { direction = 'downstream', quantify = command.command == 'liftsys.server.quantify' })
      end
    end, bufnr)
  if seq == M.state.seq and id then
    M.state.pending = { client = client, id = id }
  end
end

--- $/progress from the server, echoed in the command line.
function M.on_progress(params)
  local v = params and params.value
  if type(v) ~= 'table' or not v.kind then
    return
  end
  M.state.progress = M.state.progress or {}
  local p = M.state.progress
  if v.kind == 'begin' then
    p.title = v.title
  end
  p.message, p.percentage, p.kind = v.message, v.percentage, v.kind
  p.count = (p.count or 0) + 1
  local text = p.title or 'liftsys'
  if v.kind == 'end' then
    text = text .. ': ' .. (v.message or 'done')
  else
    if present(v.message) then
      text = text .. ': ' .. v.message
    end
    if present(v.percentage) then
      text = string.format('%s (%d%%)', text, v.percentage)
    end
  end
  p.text = text
  api.nvim_echo({ { text, 'ModeMsg' } }, false, {})
end

-- Inlay hints before Neovim 0.10: end-of-line virtual text in their own namespace.
local function draw_hints(bufnr, hints)
  api.nvim_buf_clear_namespace(bufnr, M.hints_ns, 0, -1)
  local by_line = {}
  for _, hint in ipairs(hints or {}) do
    local label = hint.label
    if type(label) == 'table' then
      local parts = {}
      for _, part in ipairs(label) do
        parts[#parts + 1] = part.value
      end
      label = table.concat(parts)
    end
    local line = hint.position.line
    by_line[line] = by_line[line] and (by_line[line] .. ' ' .. label) or label
  end
  for line, text in pairs(by_line) do
    if line < api.nvim_buf_line_count(bufnr) then
      api.nvim_buf_set_extmark(bufnr, M.hints_ns, line, 0,
        { virt_text = { { text, 'LiftsysInlayHint' } }, virt_text_pos = 'eol' })
    end
  end
end

--- Asks for the inlay hints of a buffer (nil: every buffer of the client) and draws them.
function M.refresh_hints(bufnr, client_id)
  local buffers = {}
  if bufnr then
    buffers = { bufnr }
  elseif client_id then
    buffers = vim.lsp.get_buffers_by_client_id(client_id)
  end
  for _, buf in ipairs(buffers) do
    local client = client_id and vim.lsp.get_client_by_id(client_id) or lsp().get_client(buf)
    if client and api.nvim_buf_is_loaded(buf) then
      local last = api.nvim_buf_line_count(buf)
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
      }
      lsp().request(client, 'textDocument/inlayHint', params, function(err, result)
        if not err and api.nvim_buf_is_valid(buf) then
          draw_hints(buf, result)
        end
      end, buf)
    end
  end
end

return M
