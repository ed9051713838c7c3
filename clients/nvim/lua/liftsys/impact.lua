-- :LiftsysImpact, :LiftsysQuantify, :LiftsysClear: the liftsys/causalImpact request and how its
-- answer is shown (extmarks with end-of-line notes, a floating summary beside the method, the
-- quickfix list, notifications), and what clears it (an edit inside the method, :LiftsysClear).
--
-- One display of each effect in the buffer: with inlay hints on, the server's hints carry the
-- effects (the same three significant digits, as "Δ+48.9") and the end-of-line notes only the
-- distance; with hints off, the notes carry the effect too. The float and the quickfix list add
-- the interval, the re-run measurement and the sampled input ranges.
local M = {}

local api = vim.api

M.ns = api.nvim_create_namespace('liftsys')
M.hints_ns = api.nvim_create_namespace('liftsys_hints')

--- What the last answer was; tick counts answers shown (tests wait on it); cleared[bufnr]: the
--- buffer's hints and lenses are hidden by :LiftsysClear until the next answer or edit.
M.state = { tick = 0, last = nil, float = nil, progress = nil, seq = 0, buffers = {}, cleared = {}, watched = {} }

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

--- Three significant digits as the server's inlay hints write them (Java's %.3g): 48.9, 4.00,
--- 0.0500, 1.23e+03; Lua's %#.3g would write 100 as "100." and differs in the exponent form.
local function sig3(v)
  if v ~= v or v == math.huge or v == -math.huge then
    return tostring(v)
  end
  if v == 0 then
    return '0.00'
  end
  local exponent = tonumber(string.format('%.2e', v):match('e([-+]%d+)$'))
  if exponent >= -4 and exponent < 3 then
    return string.format('%.' .. (2 - exponent) .. 'f', v)
  end
  return (string.format('%.2e', v):gsub('e([-+])0*(%d%d)$', 'e%1%2'))
end

--- A signed effect: +48.9, -0.500, +4.00.
function M.fmt(v)
  local s = sig3(v)
  return (v > 0 or (v == 0 and 1 / v > 0)) and ('+' .. s) or s
end
local fmt = M.fmt

local function unsigned(v)
  return sig3(v)
end

--- "+48.9 [42.0, 56.3]"
function M.effect_text(e)
  return string.format('%s [%s, %s]', fmt(e.value), unsigned(e.low), unsigned(e.high))
end

--- "subtotal  local  distance 1  effect +3.00 [2.95, 3.05]  re-run +3.00 [3.00, 3.00]"
function M.entry_text(entry, direction)
  local text = string.format('%s  %s  distance %d', entry.name, entry.kind, entry.distance)
  local e = entry.effect
  if present(e) then
    text = text .. '  effect ' .. M.effect_text(e)
    if present(e.observed) then
      text = text .. '  re-run ' .. M.effect_text(e.observed)
    end
    if e.unreliable then
      text = text .. '  unreliable'
    end
    if e.disagrees then
      text = text .. '  disagrees'
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

--- One line per quantified entry: the estimate with its interval and, where the code could be
--- re-run with the intervention applied, the measured effect beside it.
function M.effect_lines(result)
  local lines = {}
  for _, e in ipairs(result.downstream or {}) do
    if present(e.effect) then
      local level = present(e.effect.level) and e.effect.level or 0.95
      local line = string.format('  %s %s (%d%% interval)', e.name, M.effect_text(e.effect), math.floor(level * 100 + 0.5))
      if present(e.effect.observed) then
        line = line .. '; re-run ' .. M.effect_text(e.effect.observed)
        if e.effect.disagrees then
          line = line .. ', disagrees'
        end
      end
      if e.effect.unreliable then
        line = line .. '; unreliable fit'
      end
      lines[#lines + 1] = line
    end
  end
  return lines
end

--- "sampled: price double in [-100, 200]; ..." (model.inputs), one input a line.
function M.input_lines(model)
  local inputs = present(model.inputs) and model.inputs or {}
  local names = vim.tbl_keys(inputs)
  table.sort(names)
  local lines = {}
  for i, id in ipairs(names) do
    lines[#lines + 1] = string.format('%s %s: %s', i == 1 and 'sampled' or '       ', (id:gsub('@in$', '')), inputs[id])
  end
  return lines
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
    local what = subject.isMethod and ('all parameters of ' .. result.method.name .. ' together') or subject.name
    lines[#lines + 1] = string.format('effects of %s on %s: %s, %d runs, fit %d ms%s',
      describe_intervention(request.intervention), what, tostring(model.engine), model.samples or 0,
      model.fitMillis or 0, model.cached and ' (cached)' or '')
    for _, line in ipairs(M.effect_lines(result)) do
      lines[#lines + 1] = line
    end
    for _, line in ipairs(M.input_lines(model)) do
      lines[#lines + 1] = line
    end
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

--- Removes the highlights and the summary of the answer on screen.
function M.clear()
  for bufnr in pairs(M.state.buffers) do
    if api.nvim_buf_is_valid(bufnr) then
      api.nvim_buf_clear_namespace(bufnr, M.ns, 0, -1)
    end
  end
  M.state.buffers = {}
  M.state.method = nil
  close_float()
end

local function our_quickfix()
  return (vim.fn.getqflist({ title = 1 }).title or ''):find('^liftsys: ') ~= nil
end

--- Inlay hints on or off for a buffer (0.10 and later draw them; before, the plugin does).
function M.enable_hints(bufnr, on)
  if vim.fn.has('nvim-0.10') == 1 then
    pcall(vim.lsp.inlay_hint.enable, on, { bufnr = bufnr })
  elseif not on then
    api.nvim_buf_clear_namespace(bufnr, M.hints_ns, 0, -1)
  end
end

function M.is_cleared(bufnr)
  return M.state.cleared[bufnr] == true
end

--- Shows the buffer's hints and lenses again after :LiftsysClear (on the next answer or edit).
local function uncleared(bufnr)
  if not M.state.cleared[bufnr] then
    return
  end
  M.state.cleared[bufnr] = nil
  local config = lsp().config
  if config.inlay_hints then
    M.enable_hints(bufnr, true)
    if vim.fn.has('nvim-0.10') == 0 then
      M.refresh_hints(bufnr)
    end
  end
  if config.codelens then
    pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
  end
end

--- :LiftsysClear: everything liftsys shows goes: highlights, notes, the float, the inlay hints and
--- the code lenses (with their headline effect) of the current buffer, and liftsys's quickfix
--- list. Hints and lenses come back with the next answer or edit of the buffer.
function M.clear_all()
  M.clear()
  local bufnr = api.nvim_get_current_buf()
  M.state.cleared[bufnr] = true
  M.enable_hints(bufnr, false)
  for _, client in ipairs(lsp().clients(bufnr)) do
    if vim.lsp.codelens.clear then
      pcall(vim.lsp.codelens.clear, client.id, bufnr)
    else -- 0.7: show an empty list
      pcall(vim.lsp.codelens.display, {}, bufnr, client.id)
      pcall(vim.lsp.codelens.save, {}, bufnr, client.id)
    end
  end
  if our_quickfix() then
    vim.fn.setqflist({}, 'r', { title = 'liftsys: cleared', items = {} })
    vim.cmd('cclose')
  end
end

--- Clears the answer when an edit touches the method it describes (its highlights would be
--- wrong); an edit elsewhere moves the extmarks with the text.
function M.watch_edits(bufnr)
  if M.state.watched[bufnr] then
    return
  end
  M.state.watched[bufnr] = true
  api.nvim_buf_attach(bufnr, false, {
    on_lines = function(_, buf, _, first, last_old)
      if M.state.cleared[buf] then
        vim.schedule(function() uncleared(buf) end)
      end
      local method = M.state.method
      if not (method and method.bufnr == buf and M.state.buffers[buf]) then
        return
      end
      local ok, pos = pcall(api.nvim_buf_get_extmark_by_id, buf, M.ns, method.mark, { details = true })
      if not ok or not pos or not pos[1] then
        return
      end
      local start_row, end_row = pos[1], pos[3] and pos[3].end_row or pos[1]
      if first <= end_row and last_old > start_row then
        vim.schedule(M.clear)
      end
    end,
    on_detach = function(_, buf)
      M.state.watched[buf] = nil
    end,
  })
end

local function mark(bufnr, range, group)
  local line, col = to_buf_pos(bufnr, range.start)
  local end_line, end_col = to_buf_pos(bufnr, range['end'])
  if end_line < line or (end_line == line and end_col < col) then
    end_line, end_col = line, col
  end
  api.nvim_buf_set_extmark(bufnr, M.ns, line, col, { end_row = end_line, end_col = end_col, hl_group = group, priority = 150 })
  return line, col
end

-- Whether the server's inlay hints show the effects in this buffer (then the notes do not repeat them).
local function hints_show_effects()
  local config = lsp().config
  return config.inlay_hints and config.settings.inlayHints ~= false
end

--- The end-of-line note of each line with entries: "↓1" for one entry, "↑ price 2 · quantity 2"
--- when a line has several (parameters on a signature), with the effect when hints are off.
function M.line_notes(entries, with_effects)
  local by_line, order = {}, {}
  for _, item in ipairs(entries) do
    if not by_line[item.line] then
      by_line[item.line] = {}
      order[#order + 1] = item.line
    end
    table.insert(by_line[item.line], item)
  end
  local notes = {}
  for _, line in ipairs(order) do
    local items = by_line[line]
    local parts = {}
    for _, item in ipairs(items) do
      local part = #items > 1 and (item.entry.name .. ' ' .. item.entry.distance) or (item.arrow .. item.entry.distance)
      if with_effects and present(item.entry.effect) then
        part = part .. ' Δ' .. fmt(item.entry.effect.value)
      end
      parts[#parts + 1] = part
    end
    local text = #items > 1 and (items[1].arrow .. ' ' .. table.concat(parts, ' · ')) or parts[1]
    notes[#notes + 1] = { line = line, text = text }
  end
  return notes
end

-- The float beside the method, not over it: below its last line when that fits in the window,
-- else above its first line, else at the window's top right.
local function place_float(win, result, height)
  local cur = api.nvim_get_current_win()
  local top = vim.fn.line('w0') - 1
  local win_height = api.nvim_win_get_height(cur)
  local method = result.method and result.method.range
  if not method then
    return
  end
  local below = method['end'].line - top + 1
  local above = method.start.line - top - height - 2
  local config = { relative = 'win', win = cur, col = 0 }
  if below >= 0 and below + height + 2 <= win_height then
    config.row = below
  elseif above >= 0 then
    config.row = above
  else
    config.row, config.col, config.anchor = 0, api.nvim_win_get_width(cur), 'NE'
  end
  pcall(api.nvim_win_set_config, win, config)
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
  if result.method and result.method.range then
    local start_line = to_buf_pos(bufnr, result.method.range.start)
    local end_line = to_buf_pos(bufnr, result.method.range['end'])
    M.state.method = { bufnr = bufnr, mark = api.nvim_buf_set_extmark(bufnr, M.ns, start_line, 0,
      { end_row = end_line, end_col = 0, right_gravity = false, end_right_gravity = true }) }
  end
  local items, placed = {}, {}
  for _, section in ipairs(sections) do
    local direction, entries, group, arrow = section[1], section[2], section[3], section[4]
    for _, entry in ipairs(entries) do
      local line, col = mark(bufnr, entry.range, group)
      placed[#placed + 1] = { line = line, entry = entry, arrow = arrow }
      items[#items + 1] = {
        bufnr = bufnr,
        lnum = line + 1,
        col = col + 1,
        text = M.entry_text(entry, request.direction == 'both' and direction or nil),
      }
    end
  end
  for _, note in ipairs(M.line_notes(placed, not hints_show_effects())) do
    api.nvim_buf_set_extmark(bufnr, M.ns, note.line, 0,
      { virt_text = { { note.text, 'LiftsysVirtualText' } }, virt_text_pos = 'eol' })
  end
  local title = string.format('liftsys: %s in %s (%s)', result.subject.name, result.method.name, request.direction)
  if config.quickfix then
    vim.fn.setqflist({}, ' ', { title = title, items = items })
  end
  if config.quickfix and config.open_quickfix and #items > 0 then
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
    place_float(win, result, #lines)
    M.state.float = win
  end
  if present(result.degraded) then
    vim.notify(string.format('liftsys: no effect sizes (%s): %s', result.degraded.reason, result.degraded.message),
      vim.log.levels.WARN)
  end
  M.state.last = { bufnr = bufnr, result = result, request = request, items = items, lines = lines }
  M.state.tick = M.state.tick + 1
  if M.state.cleared[bufnr] then
    uncleared(bufnr)
  elseif request.quantify then
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

--- The first run's environment progress (bin/liftsys setup-env), echoed in the command line.
function M.on_env_progress(percent, message)
  M.state.env = { percent = percent, message = message }
  api.nvim_echo({ { string.format('liftsys: first run, %d%%: %s', percent, message), 'ModeMsg' } }, false, {})
end

--- workspace/inlayHint/refresh on 0.10 and later. Neovim's own handler keeps the hints it drew
--- and marks every line to be drawn again; a redraw that comes before the new hints arrive draws
--- the old ones and marks the lines done for this document version, so the new hints (same
--- version: nothing was edited) were never drawn until hints were toggled. Enabling the buffer's
--- hints again starts from a fresh state and asks for them, which draws them when they arrive.
function M.hints_refreshed(client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not client then
    return
  end
  for bufnr in pairs(client.attached_buffers or {}) do
    if api.nvim_buf_is_loaded(bufnr) and not M.state.cleared[bufnr]
        and vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }) then
      vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
    end
  end
  M.state.hints_refreshes = (M.state.hints_refreshes or 0) + 1
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
