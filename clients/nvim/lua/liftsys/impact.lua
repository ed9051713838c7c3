-- :LiftsysImpact, :LiftsysQuantify, :LiftsysClear: the liftsys/causalImpact request and how its
-- answer is shown (extmarks with end-of-line notes, a floating summary beside the method, the
-- quickfix list, notifications), and what clears it (an edit inside the method, :LiftsysClear).
-- The showing parts (M.begin, M.mark, M.notes, M.present) serve explain.lua's answers too; the
-- words and numbers are format.lua's, the inlay hints hints.lua's.
--
-- One display of each effect in the buffer: with inlay hints on, the server's hints carry the
-- effects (the same three significant digits, as "Δ+48.9") and the end-of-line notes only the
-- distance; with hints off, the notes carry the effect too. The float and the quickfix list add
-- the interval, the re-run measurement and the sampled input ranges.
local M = {}

local api = vim.api

M.ns = api.nvim_create_namespace('liftsys')

--- What the last answer was; tick counts answers shown (tests wait on it); cleared[bufnr]: the
--- buffer's hints and lenses are hidden by :LiftsysClear until the next answer or edit.
M.state = { tick = 0, last = nil, float = nil, progress = nil, seq = 0, buffers = {}, cleared = {}, watched = {} }

local function lsp()
  return require('liftsys')
end

local format = require('liftsys.format')
local fmt = format.fmt
M.fmt = format.fmt
M.effect_text = format.effect_text
M.entry_text = format.entry_text
M.summary_lines = format.summary_lines

-- The inlay hints (hints.lua), under the names the rest of the plugin and its tests use.
local hints = require('liftsys.hints')
M.hints_ns = hints.ns
M.enable_hints = hints.enable
M.hints_refreshed = hints.refreshed
M.refresh_hints = hints.refresh

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
        part = part .. ' Δ' .. format.measures_prefix(item.entry) .. fmt(item.entry.effect.value)
          .. (#format.reasons(item.entry.effect) > 0 and ' ⚠' or '')
      elseif with_effects and present(item.entry.unquantified) then
        part = part .. ' Δ? ⚠'
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

--- Starts showing an answer in a buffer: what was shown goes, the method is remembered (an edit
--- inside it clears the answer).
function M.begin(bufnr, method_range)
  M.clear()
  M.state.buffers[bufnr] = true
  if method_range then
    local start_line = to_buf_pos(bufnr, method_range.start)
    local end_line = to_buf_pos(bufnr, method_range['end'])
    M.state.method = { bufnr = bufnr, mark = api.nvim_buf_set_extmark(bufnr, M.ns, start_line, 0,
      { end_row = end_line, end_col = 0, right_gravity = false, end_right_gravity = true }) }
  end
end

M.mark = mark

--- End-of-line notes ({ line, text }) in the plugin's namespace.
function M.notes(bufnr, notes)
  for _, note in ipairs(notes) do
    api.nvim_buf_set_extmark(bufnr, M.ns, note.line, 0,
      { virt_text = { { note.text, 'LiftsysVirtualText' } }, virt_text_pos = 'eol' })
  end
end

--- The quickfix list (opened when configured so) and the float of an answer; the answer becomes
--- the last one (tests wait on the tick). `answer` has uri, version and method.range.
function M.present(bufnr, answer, shown)
  local config = lsp().config
  if config.quickfix then
    vim.fn.setqflist({}, ' ', { title = shown.title, items = shown.items })
  end
  if config.quickfix and config.open_quickfix and #shown.items > 0 then
    local win = api.nvim_get_current_win()
    vim.cmd('copen')
    if api.nvim_win_is_valid(win) then
      api.nvim_set_current_win(win)
    end
  end
  local lines = shown.lines
  local version = vim.lsp.util.buf_versions and vim.lsp.util.buf_versions[bufnr]
  if type(version) == 'number' and type(answer.version) == 'number' and version ~= answer.version then
    lines[#lines + 1] = string.format('(answer for version %d; the buffer has changed since: ask again)',
      answer.version)
  end
  if config.float and api.nvim_get_current_buf() == bufnr then
    local _, win = vim.lsp.util.open_floating_preview(lines, nil, {
      border = 'rounded', focus_id = 'liftsys-impact', max_width = 100,
    })
    place_float(win, answer, #lines)
    M.state.float = win
  end
  if present(answer.degraded) then
    vim.notify(string.format('liftsys: %s (%s): %s', shown.unavailable or 'no effect sizes', answer.degraded.reason,
      answer.degraded.message), vim.log.levels.WARN)
  end
  M.state.last = { bufnr = bufnr, result = answer, request = shown.request, items = shown.items, lines = lines }
  M.state.tick = M.state.tick + 1
  if M.state.cleared[bufnr] then
    uncleared(bufnr)
  end
end

--- Shows an answer of liftsys/causalImpact for a buffer.
function M.show(bufnr, result, request)
  if not api.nvim_buf_is_valid(bufnr) then
    return
  end
  local config = lsp().config
  M.begin(bufnr, result.method and result.method.range)
  local sections = {}
  if request.direction ~= 'upstream' then
    sections[#sections + 1] = { 'downstream', result.downstream or {}, 'LiftsysDownstream', '↓' }
  end
  if request.direction ~= 'downstream' then
    sections[#sections + 1] = { 'upstream', result.upstream or {}, 'LiftsysUpstream', '↑' }
  end
  mark(bufnr, result.subject.range, 'LiftsysSubject')
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
  M.notes(bufnr, M.line_notes(placed, not hints_show_effects()))
  local title = string.format('liftsys: %s in %s (%s)', result.subject.name, result.method.name, request.direction)
  local was_cleared = M.state.cleared[bufnr]
  M.present(bufnr, result, { title = title, items = items, lines = M.summary_lines(result, request), request = request })
  if request.quantify and not was_cleared then
    if config.codelens then
      pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
    end
    if config.inlay_hints and vim.fn.has('nvim-0.10') == 0 then
      M.refresh_hints(bufnr)
    end
  end
end

function M.report_error(err)
  local level = err.code == -32800 and vim.log.levels.INFO or vim.log.levels.WARN
  vim.notify('liftsys: ' .. (err.message or vim.inspect(err)), level)
  M.state.error = err
  M.state.tick = M.state.tick + 1
end

-- A new question supersedes the one still pending: that one is cancelled, its answer ignored.
function M.supersede()
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

--- Sends a liftsys request about the cursor's position (the position params, plus what `extra`
--- adds; with a progress token when `progress`), and calls `show(bufnr, result)` with the answer,
--- unless a newer question was asked meanwhile (that one cancels this one).
function M.ask(method, extra, progress, show)
  local bufnr = api.nvim_get_current_buf()
  local client = lsp().get_client(bufnr)
  if not client then
    vim.notify('liftsys: no liftsys server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  M.state.seq = M.state.seq + 1
  local seq = M.state.seq
  local params = vim.tbl_extend('force', vim.lsp.util.make_position_params(0, client.offset_encoding), extra)
  if progress then
    params.workDoneToken = 'liftsys-' .. seq
  end
  M.state.error = nil
  M.supersede()
  local _, id = lsp().request(client, method, params, function(err, result)
    if seq ~= M.state.seq then
      return -- a newer question was asked meanwhile
    end
    M.state.pending = nil
    if err then
      M.report_error(err)
    elseif result then
      show(bufnr, result)
    end
  end, bufnr)
  if seq == M.state.seq and id then
    M.state.pending = { client = client, id = id }
  end
end

--- Sends liftsys/causalImpact for the cursor's position; shows the answer when it comes.
function M.run(request)
  M.ask('liftsys/causalImpact',
    { direction = request.direction, quantify = request.quantify, intervention = request.intervention },
    request.quantify, function(bufnr, result) M.show(bufnr, result, request) end)
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
  M.supersede()
  local _, id = lsp().request(client, 'workspace/executeCommand',
    { command = command.command, arguments = command.arguments },
    function(err, result)
      if seq ~= M.state.seq then
        return
      end
      M.state.pending = nil
      if err then
        M.report_error(err)
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

return M
