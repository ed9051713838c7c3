-- liftsys for Neovim: starts `liftsys serve` for Java buffers and adds
-- :LiftsysImpact, :LiftsysQuantify and :LiftsysClear. Works on Neovim 0.7 and later;
-- uses vim.lsp.config/vim.lsp.enable on 0.11 and later.
local M = {}

local api = vim.api
local uv = vim.uv or vim.loop

M.name = 'liftsys'

local function has(feature)
  return vim.fn.has(feature) == 1
end

-- This file is <repo>/clients/nvim/lua/liftsys/init.lua; the launcher is <repo>/liftsys.
local function bundled_launcher()
  local source = debug.getinfo(1, 'S').source:sub(2)
  local launcher = vim.fn.fnamemodify(source, ':p:h:h:h:h:h') .. '/liftsys'
  if vim.fn.executable(launcher) == 1 then
    return launcher
  end
end

M.defaults = {
  cmd = nil, -- default: { '<repo>/liftsys', 'serve' } when the plugin sits in the repository, else { 'liftsys', 'serve' }
  filetypes = { 'java' },
  root_markers = { 'pom.xml', 'build.gradle', 'build.gradle.kts', '.git' },
  settings = {}, -- the `liftsys` section: samples, timeoutMs, seed, codeLens, inlayHints, ...
  capabilities = nil, -- merged over Neovim's own client capabilities
  on_attach = nil, -- function(client, bufnr)
  codelens = true, -- show and refresh the server's code lenses
  inlay_hints = true, -- show effect sizes as inlay hints (end-of-line virtual text before 0.10)
  progress = true, -- echo $/progress in the command line
  float = true, -- floating summary of the subject after each answer
  open_quickfix = true, -- :copen after each answer
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

--- The liftsys client attached to a buffer (0 for the current one), if any.
function M.get_client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and api.nvim_get_current_buf() or bufnr
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = M.name })[1]
  end
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == M.name then
      return client
    end
  end
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
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = M.name }) or vim.lsp.get_active_clients()
  for _, client in ipairs(clients) do
    if client.name == M.name then
      client.config.settings = { liftsys = M.config.settings }
      M.notify_server(client, 'workspace/didChangeConfiguration', { settings = { liftsys = M.config.settings } })
    end
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
  if M.config.inlay_hints and not has('nvim-0.10') then
    out['workspace/inlayHint/refresh'] = function(_, _, ctx)
      impact.refresh_hints(nil, ctx.client_id)
      return vim.NIL
    end
  end
  return out
end

local function on_attach(client, bufnr)
  local impact = require('liftsys.impact')
  local group = api.nvim_create_augroup('liftsys_buf_' .. bufnr, { clear = true })
  if M.config.codelens then
    local function refresh()
      pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
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
      pcall(vim.lsp.inlay_hint.enable, true, { bufnr = bufnr })
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
    cmd = { bundled_launcher() or 'liftsys', 'serve' }
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
  api.nvim_create_user_command('LiftsysClear', function()
    impact.clear()
  end, { desc = 'liftsys: remove the highlights and the summary' })
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if opts and opts.root_markers then
    M.config.root_markers = opts.root_markers -- a list replaces, it does not merge
  end
  define_highlights()
  define_commands()
  local group = api.nvim_create_augroup('liftsys', { clear = true })
  api.nvim_create_autocmd('ColorScheme', { group = group, callback = define_highlights })
  if not M.config.start then
    return
  end

  if has('nvim-0.11') then
    local config = M.client_config()
    config.filetypes = M.config.filetypes
    config.root_dir = function(bufnr, on_dir)
      on_dir(M.root_dir(bufnr))
    end
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
    return
  end

  api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
