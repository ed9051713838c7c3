-- liftsys for Neovim: starts `liftsys serve` for Java buffers and adds
-- :LiftsysImpact, :LiftsysQuantify and :LiftsysClear. Works on Neovim 0.7 and later;
-- uses vim.lsp.config/vim.lsp.enable on 0.11 and later (also through lsp/liftsys.lua).
-- The plugin ships inside the liftsys distribution (bin/liftsys beside lua/) or sits in a
-- checkout (clients/nvim, with ./liftsys two levels up); either launcher is found by itself.
local M = {}

local api = vim.api
local uv = vim.uv or vim.loop

M.name = 'liftsys'

local function has(feature)
  return vim.fn.has(feature) == 1
end

-- This file is <plugin>/lua/liftsys/init.lua.
local function plugin_root()
  local source = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(source, ':p:h:h:h')
end

--- Where the server comes from: { launcher, distribution = <dir> or nil, version = '0.1.0' or nil }.
--- A distribution has bin/liftsys and VERSION beside lua/; a checkout has ./liftsys at its root,
--- two levels above clients/nvim.
function M.installation()
  local root = plugin_root()
  local dist_launcher = root .. '/bin/liftsys'
  if vim.fn.filereadable(dist_launcher) == 1 and vim.fn.filereadable(root .. '/VERSION') == 1 then
    return { launcher = dist_launcher, distribution = root, version = vim.fn.readfile(root .. '/VERSION')[1] }
  end
  local checkout = vim.fn.fnamemodify(root, ':h:h') .. '/liftsys'
  if vim.fn.executable(checkout) == 1 then
    return { launcher = checkout }
  end
  return { launcher = 'liftsys' }
end

--- The DoWhy environment a distribution makes on its first run (bin/liftsys: the same rule).
function M.env_dir(installation)
  installation = installation or M.installation()
  if not installation.version then
    return nil
  end
  local data = os.getenv('LIFTSYS_DATA_DIR')
  if not data or data == '' then
    local xdg = os.getenv('XDG_DATA_HOME')
    data = ((xdg and xdg ~= '') and xdg or (os.getenv('HOME') .. '/.local/share')) .. '/liftsys/' .. installation.version
  end
  return data .. '/dowhy-env'
end

M.defaults = {
  cmd = nil, -- default: the launcher of the distribution or checkout the plugin sits in, with 'serve'
  filetypes = { 'java' },
  root_markers = { 'pom.xml', 'build.gradle', 'build.gradle.kts', '.git' },
  settings = {}, -- the `liftsys` section: samples, timeoutMs, seed, codeLens, inlayHints, ...
  capabilities = nil, -- merged over Neovim's own client capabilities
  on_attach = nil, -- function(client, bufnr)
  codelens = true, -- show and refresh the server's code lenses
  inlay_hints = true, -- show effect sizes as inlay hints (end-of-line virtual text before 0.10)
  progress = true, -- echo $/progress in the command line
  float = true, -- floating summary of the subject after each answer
  quickfix = true, -- fill the quickfix list with the answer's entries
  open_quickfix = false, -- also :copen it after each answer
  map_hover = true, -- before 0.10 (which maps K itself): map K to vim.lsp.buf.hover() in liftsys buffers
  start = true, -- false: commands and highlights only, for a client started elsewhere (nvim-lspconfig)
}

M.config = vim.deepcopy(M.defaults)

--- The directory of the nearest pom.xml, build.gradle or .git above the buffer's file, else the file's
--- directory.
function M.root_dir(bufnr)
  local name = api.nvim_buf_get_name(bufnr or 0)
  if name == '' then
    return uv.cwd()
  end
  local file_dir = vim.fn.fnamemodify(name, ':p:h')
  local dir = file_dir
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return file_dir
    end
    dir = parent
  end
end

--- The liftsys clients (of a buffer when bufnr is given): vim.lsp.get_clients from 0.10,
--- vim.lsp.get_active_clients before (deprecated from 0.10 on, so never called there).
function M.clients(bufnr)
  local filter = { name = M.name, bufnr = bufnr }
  local all = vim.lsp.get_clients and vim.lsp.get_clients(filter) or vim.lsp.get_active_clients(filter)
  return vim.tbl_filter(function(c) return c.name == M.name end, all)
end

--- The liftsys client attached to a buffer (0 for the current one), if any.
function M.get_client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and api.nvim_get_current_buf() or bufnr
  return M.clients(bufnr)[1]
end

--- client.stop() before 0.11, client:stop() from 0.11 on.
function M.stop_client(client, force)
  if has('nvim-0.11') then
    return client:stop(force)
  end
  return client.stop(force)
end

--- client.request on 0.7-0.10, client:request on 0.11 and later.
function M.request(client, method, params, handler, bufnr)
  if has('nvim-0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

function M.notify_server(client, method, params)
  if has('nvim-0.11') then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- Sends new settings (the `liftsys` section) to every running liftsys server.
function M.update_settings(settings)
  M.config.settings = vim.tbl_deep_extend('force', M.config.settings, settings or {})
  for _, client in ipairs(M.clients()) do
    client.config.settings = { liftsys = M.config.settings }
    M.notify_server(client, 'workspace/didChangeConfiguration', { settings = { liftsys = M.config.settings } })
  end
end

local function capabilities()
  local caps = vim.lsp.protocol.make_client_capabilities()
  caps.window = caps.window or {}
  caps.window.workDoneProgress = true
  if M.config.inlay_hints then
    -- 0.10+ announce this themselves; before, the plugin draws the hints and handles the refresh.
    caps.workspace = caps.workspace or {}
    caps.workspace.inlayHint = vim.tbl_extend('keep', caps.workspace.inlayHint or {}, { refreshSupport = true })
  end
  return vim.tbl_deep_extend('force', caps, M.config.capabilities or {})
end

local function handlers()
  local impact = require('liftsys.impact')
  local out = {}
  if M.config.progress then
    out['$/progress'] = function(err, result, ctx, config)
      local default = vim.lsp.handlers['$/progress']
      local ret = default and default(err, result, ctx, config)
      impact.on_progress(result)
      return ret
    end
  end
  if M.config.inlay_hints then
    -- Before 0.10 the plugin draws the hints; from 0.10 on Neovim does, and the plugin makes
    -- sure the refreshed hints are drawn at once (impact.hints_refreshed says why).
    out['workspace/inlayHint/refresh'] = function(_, _, ctx)
      if has('nvim-0.10') then
        impact.hints_refreshed(ctx.client_id)
      else
        impact.refresh_hints(nil, ctx.client_id)
      end
      return vim.NIL
    end
  end
  return out
end

local function on_attach(client, bufnr)
  local impact = require('liftsys.impact')
  local group = api.nvim_create_augroup('liftsys_buf_' .. bufnr, { clear = true })
  if M.config.map_hover and not has('nvim-0.10') and vim.fn.maparg('K', 'n') == '' then
    -- 0.10 and later map K to hover in every LSP buffer; 0.7 to 0.9 do not.
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = bufnr, desc = 'liftsys: hover (what this depends on, what it affects)' })
  end
  impact.watch_edits(bufnr)
  if M.config.codelens then
    local function refresh()
      if not impact.is_cleared(bufnr) then
        pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
      end
    end
    api.nvim_create_autocmd({ 'BufEnter', 'CursorHold', 'InsertLeave' }, {
      group = group, buffer = bufnr, callback = refresh,
    })
    if api.nvim_get_current_buf() == bufnr then
      refresh()
    end
  end
  if M.config.inlay_hints then
    if has('nvim-0.10') then
      impact.enable_hints(bufnr, true)
    else
      api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'TextChanged' }, {
        group = group, buffer = bufnr, callback = function() impact.refresh_hints(bufnr) end,
      })
      impact.refresh_hints(bufnr)
    end
  end
  if M.config.on_attach then
    M.config.on_attach(client, bufnr)
  end
end

local function on_init(client)
  if next(M.config.settings) ~= nil then
    M.notify_server(client, 'workspace/didChangeConfiguration', { settings = { liftsys = M.config.settings } })
  end
end

--- The client configuration shared by both start-up paths.
function M.client_config()
  local cmd = M.config.cmd
  if not cmd then
    cmd = { M.installation().launcher, 'serve' }
  end
  return {
    name = M.name,
    cmd = cmd,
    init_options = { liftsys = M.config.settings },
    settings = { liftsys = M.config.settings },
    capabilities = capabilities(),
    handlers = handlers(),
    commands = {
      -- The quantify lens: ask the server through workspace/executeCommand and show the answer.
      ['liftsys.server.quantify'] = function(command, ctx)
        require('liftsys.impact').run_server_command(command, ctx)
      end,
      -- The reach lens: the structural answer for all the method's parameters.
      ['liftsys.server.impact'] = function(command, ctx)
        require('liftsys.impact').run_server_command(command, ctx)
      end,
    },
    on_attach = on_attach,
    on_init = on_init,
  }
end

-- Neovim 0.7 to 0.10: one client per root, started and attached from a FileType autocmd.
local clients_by_root = {}

function M.attach(bufnr)
  if vim.bo[bufnr].buftype ~= '' or api.nvim_buf_get_name(bufnr) == '' then
    return
  end
  local root = M.root_dir(bufnr)
  local id = clients_by_root[root]
  if not (id and vim.lsp.get_client_by_id(id)) then
    local config = M.client_config()
    config.root_dir = root
    config.on_exit = function(_, _, client_id)
      if clients_by_root[root] == client_id then
        clients_by_root[root] = nil
      end
    end
    id = vim.lsp.start_client(config)
    if not id then
      vim.notify('liftsys: could not start ' .. table.concat(config.cmd, ' '), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

local function define_highlights()
  for group, target in pairs({
    LiftsysSubject = 'Search',
    LiftsysDownstream = 'DiffChange',
    LiftsysUpstream = 'DiffAdd',
    LiftsysVirtualText = 'Comment',
    LiftsysInlayHint = 'Comment',
  }) do
    vim.cmd(('highlight default link %s %s'):format(group, target))
  end
end

-- Neovim 0.7 gives { '' } as fargs of a command called without arguments.
local function fargs(args)
  return vim.tbl_filter(function(a) return a ~= '' end, args.fargs or {})
end

--- The first run of a distribution makes its DoWhy environment (a few minutes, once): run it as
--- a job with its progress in the command line, then call `done`. Right away when there is
--- nothing to make (a checkout, a made environment, or a `python` setting of your own).
function M.ensure_env(done)
  local installation = M.installation()
  local env = M.env_dir(installation)
  local own_python = type(M.config.settings.python) == 'string' and M.config.settings.python ~= ''
  if not env or own_python or vim.fn.filereadable(env .. '/.liftsys-stamp') == 1 then
    return done(true)
  end
  local impact = require('liftsys.impact')
  M.env_job = M.env_job or { waiting = {} }
  table.insert(M.env_job.waiting, done)
  if M.env_job.id then
    return -- already making it; `done` runs when it ends
  end
  local function on_output(_, lines)
    for _, line in ipairs(lines or {}) do
      local percent, message = line:match('^liftsys: %[%s*(%d+)%%%] (.*)$')
      if percent then
        impact.on_env_progress(tonumber(percent), message)
      elseif line ~= '' then
        M.env_job.last_line = line
      end
    end
  end
  M.env_job.id = vim.fn.jobstart({ installation.launcher, 'setup-env' }, {
    stdout_buffered = false,
    on_stdout = on_output,
    on_stderr = on_output,
    on_exit = function(_, code)
      local job = M.env_job
      M.env_job = nil
      if code ~= 0 then
        vim.notify(string.format('liftsys: the DoWhy environment could not be made (%s); effect sizes are '
          .. 'unavailable, paths and distances work. :checkhealth liftsys says what is missing.',
          job.last_line or ('exit code ' .. code)), vim.log.levels.WARN)
      end
      for _, callback in ipairs(job.waiting) do
        callback(code == 0)
      end
    end,
  })
  if M.env_job.id <= 0 then
    local job = M.env_job
    M.env_job = nil
    vim.notify('liftsys: cannot run ' .. installation.launcher, vim.log.levels.ERROR)
    for _, callback in ipairs(job.waiting) do
      callback(false)
    end
  end
end

local function define_commands()
  local impact = require('liftsys.impact')
  api.nvim_create_user_command('LiftsysImpact', function(args)
    impact.impact(fargs(args)[1])
  end, {
    nargs = '?',
    complete = function() return { 'downstream', 'upstream', 'both' } end,
    desc = 'liftsys: what the variable under the cursor affects (or what affects it)',
  })
  api.nvim_create_user_command('LiftsysQuantify', function(args)
    impact.quantify(fargs(args))
  end, {
    nargs = '*',
    complete = function(lead, line)
      local n = #vim.split(line, '%s+') - 1
      return n <= 1 and vim.tbl_filter(function(s) return s:find(lead, 1, true) == 1 end, { 'shift', 'set' }) or {}
    end,
    desc = 'liftsys: effect sizes of shifting or setting the variable under the cursor',
  })
  local explain = require('liftsys.explain')
  api.nvim_create_user_command('LiftsysDrivers', function()
    explain.drivers()
  end, { desc = 'liftsys: what drives the variable under the cursor, strongest first' })
  api.nvim_create_user_command('LiftsysCounterfactual', function(args)
    explain.counterfactual(fargs(args))
  end, {
    nargs = '*',
    complete = function(lead, line)
      local n = #vim.split(line, '%s+') - 1
      local words = n <= 1 and { 'shift', 'set' } or (n == 3 and { 'run' } or {})
      return vim.tbl_filter(function(s) return s:find(lead, 1, true) == 1 end, words)
    end,
    desc = 'liftsys: one recorded run replayed with the variable under the cursor shifted or set',
  })
  api.nvim_create_user_command('LiftsysClear', function()
    impact.clear_all()
  end, { desc = 'liftsys: remove the highlights, the summary, the hints, the lenses and the quickfix list' })
end

--- The commands and highlight groups (plugin/liftsys.lua calls this at start-up; setup() too).
function M.define()
  define_highlights()
  define_commands()
  local group = api.nvim_create_augroup('liftsys_highlights', { clear = true })
  api.nvim_create_autocmd('ColorScheme', { group = group, callback = define_highlights })
end

--- The configuration lsp/liftsys.lua hands to vim.lsp.config on 0.11 and later.
function M.lsp_config()
  M.define()
  local config = M.client_config()
  config.filetypes = M.config.filetypes
  config.root_dir = function(bufnr, on_dir)
    on_dir(M.root_dir(bufnr))
  end
  return config
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if opts and opts.root_markers then
    M.config.root_markers = opts.root_markers -- a list replaces, it does not merge
  end
  M.define()
  local group = api.nvim_create_augroup('liftsys', { clear = true })
  if not M.config.start then
    return
  end

  if has('nvim-0.11') then
    vim.lsp.config(M.name, M.lsp_config())
    -- On a distribution's first run the environment is made by a job started here, with its
    -- progress in the command line; a server started meanwhile (a Java file opened) waits for
    -- it on the launcher's lock, then serves.
    M.ensure_env(function() end)
    vim.lsp.enable(M.name)
    return
  end

  local function attach_all()
    for _, bufnr in ipairs(api.nvim_list_bufs()) do
      if api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
        M.attach(bufnr)
      end
    end
  end
  api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.ensure_env(function()
        M.attach(args.buf)
      end)
    end,
  })
  -- Buffers already open when setup() runs.
  M.ensure_env(attach_all)
end

return M
