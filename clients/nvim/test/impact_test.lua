-- Headless test of the liftsys Neovim plugin against the real server (run by ../test.sh):
--   nvim --headless -u NONE -i NONE -n -c 'luafile impact_test.lua'
-- Prints one line per check and "N passed, M failed"; exits non-zero when a check fails.
local api = vim.api
local root = assert(os.getenv('LIFTSYS_ROOT'), 'LIFTSYS_ROOT is not set')
local plugin = root .. '/clients/nvim'

vim.opt.runtimepath:prepend(plugin)
vim.o.swapfile = false
vim.o.shortmess = vim.o.shortmess .. 'F'
vim.cmd('filetype on')

local passed, failed = 0, 0
local started = vim.loop.hrtime()

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('  ok    ' .. name)
  else
    failed = failed + 1
    out('  FAIL  ' .. name .. (detail and ('\n          ' .. tostring(detail)) or ''))
  end
  return ok
end

-- Every deprecated API the plugin calls on this version (vim.deprecate reports them).
local deprecated = {}
local deprecate = vim.deprecate
vim.deprecate = function(name, ...)
  deprecated[#deprecated + 1] = name .. '\n' .. debug.traceback('', 2)
  return deprecate(name, ...)
end

local function finish()
  local liftsys = require('liftsys')
  for _, client in ipairs(liftsys.clients()) do
    liftsys.stop_client(client)
  end
  vim.wait(3000, function() return #liftsys.clients() == 0 end, 50)
  check('no deprecated API called (' .. vim.trim(vim.split(vim.fn.execute('version'), '\n', { trimempty = true })[1]) .. ')', #deprecated == 0,
    table.concat(deprecated, '\n'))
  out(string.format('%d passed, %d failed (%.1f s)', passed, failed, (vim.loop.hrtime() - started) / 1e9))
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

local function write_file(path, lines)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  vim.fn.writefile(lines, path)
end

local function line_of(bufnr, pattern)
  for i, text in ipairs(api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if text:find(pattern, 1, true) then
      return i - 1, text
    end
  end
  error('no line with ' .. pattern)
end

-- Puts the cursor on `word`, which ends `context`, in the first line containing `context`.
local function cursor_on(bufnr, context, word)
  assert(context:sub(-#word) == word)
  local line, text = line_of(bufnr, context)
  local col = text:find(context, 1, true) - 1 + #context - #word
  api.nvim_win_set_cursor(0, { line + 1, col })
  return line, col
end

local function request_sync(bufnr, method, params, timeout)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout or 10000)
  if not responses then
    return nil, err
  end
  for _, response in pairs(responses) do
    if response.err then
      return nil, response.err
    end
    return response.result
  end
end

local function wait_answer(timeout)
  local impact = require('liftsys.impact')
  local tick = impact.state.tick
  return function()
    return vim.wait(timeout, function() return impact.state.tick > tick end, 50)
  end
end

local function qf_rows()
  local rows = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    local name, kind, distance = item.text:match('^(%S+)  (%S+)  distance (%d+)')
    rows[#rows + 1] = { name = name, kind = kind, distance = tonumber(distance), lnum = item.lnum, col = item.col,
                        text = item.text, effect = tonumber(item.text:match('effect ([%+%-][%d%.]+)')) }
  end
  return rows
end

-- What the user sees: the quickfix window's lines and the float's.
local function show_answer()
  local qf = vim.fn.getqflist({ title = 1, items = 1 })
  out('    quickfix list (' .. qf.title .. '):')
  for _, item in ipairs(qf.items) do
    out(string.format('      %d:%d %s', item.lnum, item.col, item.text))
  end
  local float = require('liftsys.impact').state.float
  out('    float:')
  if float and api.nvim_win_is_valid(float) then
    for _, l in ipairs(api.nvim_buf_get_lines(api.nvim_win_get_buf(float), 0, -1, false)) do
      out('      ' .. l)
    end
  end
end

local function run()
  local impact = require('liftsys.impact')
  local liftsys = require('liftsys')

  -- A copy of the example in a Maven-shaped project, so that the root is found by its pom.xml.
  local project = vim.loop.fs_realpath(vim.fn.fnamemodify(vim.fn.tempname(), ':h')) .. '/liftsys-nvim-project'
  vim.fn.delete(project, 'rf')
  write_file(project .. '/pom.xml', { '<project><modelVersion>4.0.0</modelVersion>',
    '<groupId>shop</groupId><artifactId>shop</artifactId><version>1</version></project>' })
  local file = project .. '/src/main/java/shop/Pricing.java'
  write_file(file, vim.fn.readfile(root .. '/examples/Pricing.java'))
  local bare = project .. '-bare'
  write_file(bare .. '/Loose.java', { 'class Loose {}' })

  liftsys.setup({ settings = { seed = 0 } })
  vim.cmd('cd ' .. vim.fn.fnameescape(project))
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = api.nvim_get_current_buf()
  check('the buffer is Java', vim.bo.filetype == 'java', vim.bo.filetype)

  local attached = vim.wait(30000, function()
    local c = liftsys.get_client(bufnr)
    return c ~= nil and c.initialized == true
  end, 50)
  if not check('the plugin starts ./liftsys serve and attaches', attached) then
    return
  end
  local client = liftsys.get_client(bufnr)
  check('root detection: the directory of pom.xml', client.config.root_dir == project, client.config.root_dir)
  check('root detection: the file\'s directory when there is no marker',
    liftsys.root_dir(vim.fn.bufadd(bare .. '/Loose.java')) == bare)
  check('the command is the launcher next to the plugin', client.config.cmd[1] == root .. '/liftsys'
    and client.config.cmd[2] == 'serve', vim.inspect(client.config.cmd))
  check('settings go as init_options { liftsys = ... }', client.config.init_options.liftsys.seed == 0)

  -- Non-ASCII text before `net` on its line: UTF-16 columns from the server, byte columns in Neovim.
  local net_line, net_text = line_of(bufnr, 'double net =')
  local indent = #net_text:match('^%s*')
  api.nvim_buf_set_text(bufnr, net_line, indent, net_line, indent, { '/* € 𝛿 */ ' })
  net_text = api.nvim_buf_get_lines(bufnr, net_line, net_line + 1, false)[1]
  local net_col = net_text:find('net =', 1, true) - 1

  -- :LiftsysImpact at `price` in `total`.
  cursor_on(bufnr, 'double price', 'price')
  local wait = wait_answer(15000)
  vim.cmd('LiftsysImpact')
  check(':LiftsysImpact answers', wait(), vim.inspect(impact.state.error))
  local rows = qf_rows()
  local names, want = {}, { 'subtotal 1', 'discount 2', 'net 2', 'return 3' }
  for _, row in ipairs(rows) do
    names[#names + 1] = string.format('%s %s', row.name, row.distance)
  end
  check('quickfix: subtotal (1), discount (2), net (2), return (3) in order',
    table.concat(names, ', ') == table.concat(want, ', '), table.concat(names, ', '))
  local lines = {}
  for _, row in ipairs(rows) do
    lines[#lines + 1] = row.lnum
  end
  check('quickfix items point at the declarations (lines 7, 8, 12, 13)',
    table.concat(lines, ',') == '7,8,12,13', table.concat(lines, ','))
  check('quickfix text reads "subtotal  local  distance 1"', rows[1] and rows[1].text == 'subtotal  local  distance 1',
    rows[1] and rows[1].text)
  check('quickfix column after non-ASCII text is a byte column', rows[3] and rows[3].col == net_col + 1,
    rows[3] and (rows[3].col .. ' vs ' .. (net_col + 1)))

  local marks = api.nvim_buf_get_extmarks(bufnr, impact.ns, 0, -1, { details = true })
  local marked = {}
  local notes = {}
  for _, m in ipairs(marks) do
    if m[4].virt_text then
      notes[m[2]] = m[4].virt_text[1][1]
    end
  end
  marks = vim.tbl_filter(function(m) return m[4].hl_group ~= nil end, marks)
  for _, m in ipairs(marks) do
    marked[m[2]] = m[4].hl_group
    if m[2] == net_line then
      check('extmark on net starts at its byte column', m[3] == net_col, m[3] .. ' vs ' .. net_col)
      check('extmark on net ends after "net"', m[4].end_col == net_col + 3, tostring(m[4].end_col))
    end
  end
  local price_line = line_of(bufnr, 'double price')
  check('extmarks in the plugin\'s namespace on lines 7, 8, 12, 13',
    marked[6] == 'LiftsysDownstream' and marked[7] == 'LiftsysDownstream' and marked[11] == 'LiftsysDownstream'
    and marked[12] == 'LiftsysDownstream', vim.inspect(marked))
  check('the subject is highlighted', marked[price_line] == 'LiftsysSubject', vim.inspect(marked))

  check('end-of-line notes: the distance after each affected statement (subtotal ↓1, return ↓3)',
    notes[6] == '↓1' and notes[12] == '↓3', vim.inspect(notes))
  check('the quickfix list is filled, its window not opened (open_quickfix = false)',
    #vim.fn.getqflist() == 4 and vim.fn.getqflist({ winid = 1 }).winid == 0)

  local float = impact.state.float
  local float_lines = float and api.nvim_win_is_valid(float)
    and api.nvim_buf_get_lines(api.nvim_win_get_buf(float), 0, -1, false) or {}
  check('a floating summary of the subject', #float_lines == 3 and float_lines[1] == 'price (parameter) in total'
    and float_lines[2] == 'affects 4: subtotal (1), discount (2), net (2), return (3)', vim.inspect(float_lines))
  -- The float is beside the method it describes, not over its lines.
  local function float_clear_of_method(result)
    local win = impact.state.float
    if not (win and api.nvim_win_is_valid(win)) then
      return false, 'no float'
    end
    local pos = api.nvim_win_get_position(win) -- screen row of the float's border
    local height = api.nvim_win_get_height(win) + 2
    local top = vim.fn.line('w0') - 1
    local win_row = api.nvim_win_get_position(0)[1]
    local first = win_row + result.method.range.start.line - top
    local last = win_row + result.method.range['end'].line - top
    local config = api.nvim_win_get_config(win)
    local clear = pos[1] > last or pos[1] + height <= first or config.anchor == 'NE'
    return clear, string.format('float rows %d-%d, method rows %d-%d', pos[1], pos[1] + height - 1, first, last)
  end
  check('the float does not cover the lines of total', float_clear_of_method(impact.state.last.result))
  show_answer()
  if vim.fn.has('nvim-0.10') == 0 then
    local k = vim.fn.maparg('K', 'n', false, true)
    check('K is hover in liftsys buffers on Neovim < 0.10', k.buffer == 1, vim.inspect(k))
  end

  -- :LiftsysImpact upstream from `net`.
  cursor_on(bufnr, 'double net', 'net')
  wait = wait_answer(15000)
  vim.cmd('LiftsysImpact upstream')
  wait()
  local up = {}
  for _, row in ipairs(qf_rows()) do
    up[row.name] = row.distance
  end
  check(':LiftsysImpact upstream at net: subtotal (1), discount (1), price (2)',
    up.subtotal == 1 and up.discount == 1 and up.price == 2, vim.inspect(up))
  local signature = line_of(bufnr, 'static double total(')
  local sig_note
  for _, m in ipairs(api.nvim_buf_get_extmarks(bufnr, impact.ns, { signature, 0 }, { signature, -1 }, { details = true })) do
    sig_note = m[4].virt_text and m[4].virt_text[1][1] or sig_note
  end
  check('upstream markers on the signature name their parameters: "↑ price 2 · quantity 2"',
    sig_note == '↑ price 2 · quantity 2', tostring(sig_note))

  -- Hover.
  cursor_on(bufnr, 'double subtotal', 'subtotal')
  local hover, herr = request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(0, 'utf-16'))
  local text = hover and hover.contents and hover.contents.value or ''
  check('hover at subtotal is Markdown with "`price` (1)"',
    hover and hover.contents.kind == 'markdown' and text:find('`price` (1)', 1, true) ~= nil,
    herr and vim.inspect(herr) or text)

  -- Code lenses.
  local uri = vim.uri_from_bufnr(bufnr)
  local function lens_titles()
    local lenses = request_sync(bufnr, 'textDocument/codeLens', { textDocument = { uri = uri } }) or {}
    local titles, quantify = {}, {}
    for _, lens in ipairs(lenses) do
      if lens.command and lens.command.command == 'liftsys.server.quantify' then
        quantify[#quantify + 1] = lens
      elseif lens.data then
        local resolved = request_sync(bufnr, 'codeLens/resolve', lens)
        titles[#titles + 1] = resolved and resolved.command and resolved.command.title or '?'
      end
    end
    return titles, quantify, lenses
  end
  local titles, quantify_lenses = lens_titles()
  local total_line = line_of(bufnr, 'static double total(')
  check('code lens: "price affects 4 · quantity affects 4 · shipping affects 1"',
    vim.tbl_contains(titles, 'price affects 4 · quantity affects 4 · shipping affects 1'), vim.inspect(titles))
  local on_total = vim.tbl_filter(function(l) return l.range.start.line == total_line end, quantify_lenses)[1]
  check('code lens: liftsys.server.quantify [uri, line, character] on total',
    on_total and on_total.command.arguments[1] == uri and on_total.command.arguments[2] == total_line,
    vim.inspect(on_total))

  if vim.fn.has('nvim-0.10') == 1 then
    -- A screen redraw right after the server's workspace/inlayHint/refresh, before the new hints
    -- arrive, as a UI does (the progress messages redraw it): Neovim then drew the old hints and
    -- never the new ones.
    local handlers = client.handlers or client.config.handlers
    local original = handlers['workspace/inlayHint/refresh'] or vim.lsp.handlers['workspace/inlayHint/refresh']
    handlers['workspace/inlayHint/refresh'] = function(...)
      local ret = original(...)
      vim.cmd('redraw')
      return ret
    end
  end

  -- :LiftsysQuantify shift 1 at `u` in `affine` (the DoWhy sidecar fits a model).
  cursor_on(bufnr, 'double u', 'u')
  wait = wait_answer(75000)
  vim.cmd('LiftsysQuantify shift 1')
  check(':LiftsysQuantify answers', wait(), vim.inspect(impact.state.error))
  local last = impact.state.last and impact.state.last.result or {}
  local status = last.model and last.model.status
  check('the model is fitted', status == 'fitted', status == 'degraded' and vim.inspect(last.degraded) or status)
  local effects = {}
  for _, row in ipairs(qf_rows()) do
    effects[row.name] = row.effect
  end
  local function near(v, target)
    return v ~= nil and math.abs(v - target) <= 0.1 * math.abs(target)
  end
  check('quickfix effects: w +4, z +4, return +2 (within 10%)',
    near(effects.w, 4) and near(effects.z, 4) and near(effects['return'], 2), vim.inspect(effects))
  local progress = impact.state.progress
  check('$/progress was echoed', progress and progress.count >= 2 and progress.kind == 'end', vim.inspect(progress))
  local float_text = table.concat(impact.state.last.lines, '\n')
  check('the float gives each effect with its interval and the re-run measurement',
    float_text:find('  w +4.00 [4.00, 4.00] (95% interval); re-run +4.00 [4.00, 4.00]', 1, true) ~= nil, float_text)
  check('the float gives the sampled input ranges (model.inputs)',
    float_text:find('\nsampled u: double ', 1, true) ~= nil and float_text:find('\n        v: double', 1, true) ~= nil,
    float_text)
  check('the float says what became of the planned runs (model.runs)',
    float_text:find('\nruns: %d+ planned, %d+ completed') ~= nil, float_text)
  show_answer()

  local w_line = line_of(bufnr, 'double w =')
  local hints, ierr = request_sync(bufnr, 'textDocument/inlayHint', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = api.nvim_buf_line_count(bufnr), character = 0 } },
  })
  local found = false
  for _, hint in ipairs(hints or {}) do
    if hint.label == 'Δ+4.00' and hint.position.line == w_line then
      found = true
    end
  end
  check('inlay hints include Δ+4.00 on the w line', found, vim.inspect(ierr or hints))
  local drawn = vim.wait(5000, function()
    for _, m in ipairs(api.nvim_buf_get_extmarks(bufnr, impact.hints_ns, { w_line, 0 }, { w_line, -1 }, { details = true })) do
      if m[4].virt_text and m[4].virt_text[1][1]:find('Δ+4.00', 1, true) then
        return true
      end
    end
    return false
  end, 50)
  local w_note
  for _, m in ipairs(api.nvim_buf_get_extmarks(bufnr, impact.ns, { w_line, 0 }, { w_line, -1 }, { details = true })) do
    w_note = m[4].virt_text and m[4].virt_text[1][1] or w_note
  end
  check('one display of the effect: the hint says Δ+4.00, the note on w only ↓1', w_note == '↓1', tostring(w_note))
  if vim.fn.has('nvim-0.10') == 1 then
    -- Drawn by Neovim in its inlay hint namespace once a redraw runs (headless: asked for here),
    -- without toggling the hints off and on.
    local hint_ns = api.nvim_get_namespaces()['nvim.lsp.inlayhint'] or api.nvim_get_namespaces()['vim_lsp_inlayhint']
    drawn = vim.wait(10000, function()
      vim.cmd('redraw')
      for _, m in ipairs(api.nvim_buf_get_extmarks(bufnr, hint_ns, { w_line, 0 }, { w_line, -1 }, { details = true })) do
        for _, chunk in ipairs(m[4].virt_text or {}) do
          if chunk[1] == 'Δ+4.00' then
            return true
          end
        end
      end
      return false
    end, 100)
    check('inlay hints drawn inline after the fit, without toggling (Neovim 0.10+)', drawn,
      vim.inspect(vim.lsp.inlay_hint.get({ bufnr = bufnr })))
  else
    check('inlay hints drawn as end-of-line text on Neovim < 0.10', drawn)
  end

  -- An edit above the method keeps the answer (its marks move); an edit inside it clears it.
  local affine_line = line_of(bufnr, 'static double affine(')
  api.nvim_buf_set_lines(bufnr, affine_line, affine_line, false, { '    // a comment above affine' })
  vim.wait(300)
  check('an edit above the method keeps the highlights',
    #api.nvim_buf_get_extmarks(bufnr, impact.ns, 0, -1, {}) > 0 and impact.state.float ~= nil)
  local z_line = line_of(bufnr, 'double z =')
  api.nvim_buf_set_text(bufnr, z_line, 0, z_line, 0, { ' ' })
  local dropped = vim.wait(2000, function() return #api.nvim_buf_get_extmarks(bufnr, impact.ns, 0, -1, {}) == 0 end, 50)
  check('an edit inside the method drops its highlights', dropped)
  titles = lens_titles()
  local headline = vim.tbl_filter(function(t) return t:find('return +2', 1, true) ~= nil end, titles)[1]
  check('code lens after the fit: the headline effect on return', headline ~= nil, vim.inspect(titles))

  -- :LiftsysQuantify with a bad argument says how to use it and sends nothing.
  local errors = {}
  local notify = vim.notify
  vim.notify = function(msg) errors[#errors + 1] = msg end
  vim.cmd('LiftsysQuantify shift x')
  vim.notify = notify
  check(':LiftsysQuantify shift x gives the usage', errors[1] and errors[1]:find('usage', 1, true) ~= nil,
    vim.inspect(errors))

  -- u set far outside the range it was sampled in: the server runs the code again with u drawn
  -- there (an experiment), so the effect is right with nothing against it, and a note says so.
  cursor_on(bufnr, 'double u', 'u')
  wait = wait_answer(75000)
  vim.cmd('LiftsysQuantify set 0 1000')
  check(':LiftsysQuantify set 0 1000 answers', wait(), vim.inspect(impact.state.error))
  float_text = table.concat(impact.state.last.lines, '\n')
  check('the float gives w +4000 and the note that u was drawn where the question goes',
    float_text:find('\n  w +4.00e+03 [', 1, true) ~= nil
    and float_text:find('\nnote: [^\n]*`u` drawn across') ~= nil
    and float_text:find('⚠', 1, true) == nil, float_text)
  local w_row = vim.tbl_filter(function(r) return r.name == 'w' end, qf_rows())[1]
  check('the quickfix line of w has the effect and nothing against it',
    w_row and w_row.text:find('+4.00e+03', 1, true) ~= nil and w_row.text:find('⚠', 1, true) == nil,
    w_row and w_row.text)
  show_answer()

  -- :LiftsysDrivers at z (= w + 2v = 4u + v): its direct inputs w and v, u upstream.
  cursor_on(bufnr, 'return 0.5 * z', 'z')
  wait = wait_answer(75000)
  vim.cmd('LiftsysDrivers')
  check(':LiftsysDrivers answers', wait(), vim.inspect(impact.state.error))
  float_text = table.concat(impact.state.last.lines, '\n')
  check('the drivers float: z, its direct inputs (2) and everything upstream, u with a share',
    impact.state.last.lines[1] == 'what drives z (local) in affine' and float_text:find('\ndirect inputs (2):', 1, true) ~= nil
    and float_text:find('\n  u %d+%.%d%% ') ~= nil, float_text)
  local sections = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    local name, section = item.text:match('^(%S+)  %S+  (%S+)')
    sections[#sections + 1] = name .. ':' .. section
  end
  check('quickfix: w and v direct inputs, then u upstream',
    vim.tbl_contains(sections, 'w:direct') and vim.tbl_contains(sections, 'v:direct') and vim.tbl_contains(sections, 'u:upstream'),
    table.concat(sections, ', '))
  local signature_note
  local affine_sig = line_of(bufnr, 'static double affine(')
  for _, m in ipairs(api.nvim_buf_get_extmarks(bufnr, impact.ns, { affine_sig, 0 }, { affine_sig, -1 }, { details = true })) do
    signature_note = m[4].virt_text and m[4].virt_text[1][1] or signature_note
  end
  check('the signature says how much of z each parameter drives ("v ↑ 20.0% of z · u ↑ 94.3% of z")',
    signature_note and signature_note:match('u ↑ %d+%.%d%% of z') ~= nil and signature_note:match('v ↑ %d+%.%d%% of z') ~= nil,
    tostring(signature_note))
  show_answer()

  -- :LiftsysCounterfactual shift 2 at u: in the first recorded run, w and z +8, return +4, in
  -- DoWhy's replay and measured by running the code again.
  cursor_on(bufnr, 'double u', 'u')
  wait = wait_answer(75000)
  vim.cmd('LiftsysCounterfactual shift 2')
  check(':LiftsysCounterfactual answers', wait(), vim.inspect(impact.state.error))
  float_text = table.concat(impact.state.last.lines, '\n')
  check('the replay float: the change in run 0, its inputs, and w +8 modelled and measured',
    impact.state.last.lines[1]:find('in run 0 (the first) of affine', 1, true) ~= nil
    and float_text:find('\ninputs of run 0 (the first): u = ', 1, true) ~= nil
    and float_text:find('\n  w %S+ %-> %S+ · DoWhy %+8%.00 %[8%.00, 8%.00%] · measured %+8%.00') ~= nil
    and float_text:find('\n  return %S+ %-> %S+ · DoWhy %+4%.00 %[4%.00, 4%.00%] · measured %+4%.00') ~= nil, float_text)
  local w_replay
  w_line = line_of(bufnr, 'double w =')
  for _, m in ipairs(api.nvim_buf_get_extmarks(bufnr, impact.ns, { w_line, 0 }, { w_line, -1 }, { details = true })) do
    w_replay = m[4].virt_text and m[4].virt_text[1][1] or w_replay
  end
  check('the w line ends with what changed in that run', w_replay and w_replay:find('· measured +8.00', 1, true) ~= nil,
    tostring(w_replay))
  errors = {}
  vim.notify = function(msg) errors[#errors + 1] = msg end
  vim.cmd('LiftsysCounterfactual set x')
  vim.notify = notify
  check(':LiftsysCounterfactual set x gives the usage', errors[1] and errors[1]:find('usage', 1, true) ~= nil,
    vim.inspect(errors))
  show_answer()

  -- The quantify lens on total, as a click runs it: the client-side command sends
  -- workspace/executeCommand and shows the answer.
  local run_lens = client.commands['liftsys.server.quantify']
  wait = wait_answer(75000)
  if run_lens and on_total then
    run_lens(on_total.command, { bufnr = bufnr, client_id = client.id })
  end
  check('the quantify lens answers through workspace/executeCommand', run_lens ~= nil and wait(),
    vim.inspect(impact.state.error))
  last = impact.state.last and impact.state.last.result or {}
  check('the lens quantified all parameters of total',
    last.subject and last.subject.isMethod == true and last.method.name == 'total'
    and last.model.status == 'fitted', vim.inspect(last.subject) .. ' ' .. vim.inspect(last.degraded))
  show_answer()

  -- A degraded answer (code execution switched off by a settings change) is shown with its message.
  liftsys.update_settings({ executeCode = false })
  cursor_on(bufnr, 'static int clamp(int value', 'value')
  local notified = {}
  vim.notify = function(msg) notified[#notified + 1] = msg end
  wait = wait_answer(15000)
  vim.cmd('LiftsysQuantify')
  wait()
  vim.notify = notify
  last = impact.state.last and impact.state.last.result or {}
  check('a degraded answer: status degraded, reason execution-disabled',
    last.model and last.model.status == 'degraded' and last.degraded and last.degraded.reason == 'execution-disabled',
    vim.inspect(last.degraded))
  check('a degraded answer is notified with its message',
    notified[1] and last.degraded and notified[1]:find(last.degraded.message, 1, true) ~= nil, vim.inspect(notified))
  liftsys.update_settings({ executeCode = true })

  -- :LiftsysClear, after a quantified answer (hints, a lens headline, a quickfix list).
  cursor_on(bufnr, 'static double total(double price', 'price')
  wait = wait_answer(75000)
  vim.cmd('LiftsysQuantify')
  wait()
  vim.wait(3000, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 50)
  vim.cmd('LiftsysClear')
  check(':LiftsysClear empties the namespace', #api.nvim_buf_get_extmarks(bufnr, impact.ns, 0, -1, {}) == 0)
  check(':LiftsysClear closes the summary', impact.state.float == nil)
  check(':LiftsysClear empties liftsys\'s quickfix list', #vim.fn.getqflist() == 0)
  check(':LiftsysClear removes the code lenses (and their headline)', #vim.lsp.codelens.get(bufnr) == 0,
    vim.inspect(vim.lsp.codelens.get(bufnr)))
  if vim.fn.has('nvim-0.10') == 1 then
    check(':LiftsysClear hides the inlay hints', not vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }))
  else
    check(':LiftsysClear hides the inlay hints',
      #api.nvim_buf_get_extmarks(bufnr, impact.hints_ns, 0, -1, {}) == 0)
  end

  -- :checkhealth liftsys: Java, Python, the server, the environment, the running server's version.
  vim.cmd('checkhealth liftsys')
  local report = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  check(':checkhealth liftsys reports Java, the server, the environment and the running server',
    report:find('Java', 1, true) and report:find('server: ' .. root .. '/server/target/liftsys-server.jar', 1, true)
    and report:find('DoWhy environment: ', 1, true) and report:find('server running: liftsys', 1, true)
    and not report:find('ERROR', 1, true), report)
  vim.cmd('buffer ' .. bufnr)

  -- A second Java file under the same root reuses the client.
  local other = project .. '/src/main/java/shop/Other.java'
  write_file(other, { 'package shop;', 'class Other { static int f(int a) { int b = a + 1; return b; } }' })
  vim.cmd('edit ' .. vim.fn.fnameescape(other))
  local second = vim.wait(10000, function() return liftsys.get_client(0) ~= nil end, 50)
  check('one client per root: a second file reuses it', second and liftsys.get_client(0).id == client.id)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  check('the test ran to its end', false, err)
end
finish()
